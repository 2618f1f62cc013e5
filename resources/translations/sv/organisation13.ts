<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>OrgTreeModel</name>
    <message>
      <source>%1 (closed %2)</source>
      <translation>%1 (upphörd %2)</translation>
    </message>
    <message numerus="yes">
      <source>Move %n unit(s)</source>
      <translation>
        <numerusform>Flytta %n enhet</numerusform>
        <numerusform>Flytta %n enheter</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReorganiseDialog</name>
    <message numerus="yes">
      <source>%n item(s) touched</source>
      <translation>
        <numerusform>%n post påverkas</numerusform>
        <numerusform>%n poster påverkas</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n unit(s) affected</source>
      <translation>
        <numerusform>%n enhet berörs</numerusform>
        <numerusform>%n enheter berörs</numerusform>
      </translation>
    </message>
    <message>
      <source>Change</source>
      <translation>Ändring</translation>
    </message>
    <message>
      <source>Flag the old committee's delegation order for revision</source>
      <translation>Markera den gamla nämndens delegationsordning för revidering</translation>
    </message>
    <message>
      <source>From date</source>
      <translation>Från datum</translation>
    </message>
    <message>
      <source>Hand goals, later targets and plans over to the successor</source>
      <translation>Lämna över mål, senare målvärden och planer till efterträdaren</translation>
    </message>
    <message numerus="yes">
      <source>Merge %n unit(s)</source>
      <translation>
        <numerusform>Slå ihop %n enhet</numerusform>
        <numerusform>Slå ihop %n enheter</numerusform>
      </translation>
    </message>
    <message>
      <source>Merge into another unit</source>
      <translation>Slå ihop med en annan enhet</translation>
    </message>
    <message>
      <source>Move under another unit</source>
      <translation>Flytta under en annan enhet</translation>
    </message>
    <message>
      <source>New units</source>
      <translation>Nya enheter</translation>
    </message>
    <message>
      <source>One new unit per line: CODE=Name</source>
      <translation>En ny enhet per rad: KOD=Namn</translation>
    </message>
    <message>
      <source>Reorganise</source>
      <translation>Omorganisera</translation>
    </message>
    <message numerus="yes">
      <source>Reorganise %n unit(s)</source>
      <translation>
        <numerusform>Omorganisera %n enhet</numerusform>
        <numerusform>Omorganisera %n enheter</numerusform>
      </translation>
    </message>
    <message>
      <source>Split into new units</source>
      <translation>Dela i nya enheter</translation>
    </message>
    <message>
      <source>Split unit</source>
      <translation>Dela enhet</translation>
    </message>
    <message>
      <source>To</source>
      <translation>Till</translation>
    </message>
    <message>
      <source>Units</source>
      <translation>Enheter</translation>
    </message>
    <message>
      <source>What this touches (before anything is changed):</source>
      <translation>Det här påverkas (innan något ändras):</translation>
    </message>
    <message>
      <source>Follow-up action offered</source>
      <translation>Uppföljande åtgärd som erbjuds</translation>
    </message>
    <message>
      <source>What</source>
      <translation>Vad</translation>
    </message>
  </context>
  <context>
    <name>UnitEditor</name>
    <message>
      <source>%1 – Ctrl+Z undoes it</source>
      <translation>%1 – Ctrl+Z ångrar</translation>
    </message>
    <message numerus="yes">
      <source>%n unit(s) cut: select the new parent and press Ctrl+V.</source>
      <translation>
        <numerusform>%n enhet klippt: välj den nya överordnade enheten och tryck Ctrl+V.</numerusform>
        <numerusform>%n enheter klippta: välj den nya överordnade enheten och tryck Ctrl+V.</numerusform>
      </translation>
    </message>
    <message>
      <source>Cut (to move)</source>
      <translation>Klipp ut (för att flytta)</translation>
    </message>
    <message numerus="yes">
      <source>Delete %n unit(s)</source>
      <translation>
        <numerusform>Ta bort %n enhet</numerusform>
        <numerusform>Ta bort %n enheter</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n unit(s)?</source>
      <translation>
        <numerusform>Ta bort %n enhet?</numerusform>
        <numerusform>Ta bort %n enheter?</numerusform>
      </translation>
    </message>
    <message>
      <source>Delete units</source>
      <translation>Ta bort enheter</translation>
    </message>
    <message>
      <source>Delete “%1”?</source>
      <translation>Ta bort ”%1”?</translation>
    </message>
    <message>
      <source>Delete…</source>
      <translation>Ta bort…</translation>
    </message>
    <message numerus="yes">
      <source>Move %n unit(s)</source>
      <translation>
        <numerusform>Flytta %n enhet</numerusform>
        <numerusform>Flytta %n enheter</numerusform>
      </translation>
    </message>
    <message>
      <source>New unit</source>
      <translation>Ny enhet</translation>
    </message>
    <message>
      <source>Nothing is cut. Select units and press Ctrl+X first.</source>
      <translation>Inget är urklippt. Markera enheter och tryck Ctrl+X först.</translation>
    </message>
    <message>
      <source>Paste under selected unit</source>
      <translation>Klistra in under markerad enhet</translation>
    </message>
    <message>
      <source>Rename</source>
      <translation>Byt namn</translation>
    </message>
    <message>
      <source>Reorganise…</source>
      <translation>Omorganisera…</translation>
    </message>
    <message>
      <source>Select the units to reorganise first.</source>
      <translation>Markera först de enheter som ska omorganiseras.</translation>
    </message>
    <message>
      <source>The audit history is kept. Undo (Ctrl+Z) restores everything.</source>
      <translation>Ändringshistoriken finns kvar. Ångra (Ctrl+Z) återställer allt.</translation>
    </message>
    <message>
      <source>What depends on it: %1.</source>
      <translation>Det här hänger på: %1.</translation>
    </message>
  </context>
  <context>
    <name>UnitForm</name>
    <message>
      <source>%1 is not a date (write YYYY-MM-DD).</source>
      <translation>%1 är inget datum (skriv ÅÅÅÅ-MM-DD).</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Kod</translation>
    </message>
    <message>
      <source>Contract from</source>
      <translation>Avtal från</translation>
    </message>
    <message>
      <source>Contract to</source>
      <translation>Avtal till</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Beskrivning</translation>
    </message>
    <message>
      <source>Edit unit: %1</source>
      <translation>Ändra enhet: %1</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Slag</translation>
    </message>
    <message>
      <source>Kolada municipality</source>
      <translation>Kolada kommun</translation>
    </message>
    <message>
      <source>Kolada unit id</source>
      <translation>Kolada enhets-id</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Namn</translation>
    </message>
    <message>
      <source>Organisation number</source>
      <translation>Organisationsnummer</translation>
    </message>
    <message>
      <source>Provider</source>
      <translation>Utförare</translation>
    </message>
    <message>
      <source>Provider type</source>
      <translation>Utförartyp</translation>
    </message>
    <message>
      <source>Service area</source>
      <translation>Verksamhetsområde</translation>
    </message>
    <message>
      <source>The contract ends %1, within the follow-up period %2.</source>
      <translation>Avtalet löper ut %1, inom uppföljningsperioden %2.</translation>
    </message>
    <message>
      <source>YYYY-MM-DD</source>
      <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
      <source>name</source>
      <translation>namn</translation>
    </message>
    <message>
      <source>code</source>
      <translation>kod</translation>
    </message>
    <message>
      <source>kind</source>
      <translation>slag</translation>
    </message>
    <message>
      <source>provider type</source>
      <translation>utförartyp</translation>
    </message>
    <message>
      <source>provider</source>
      <translation>utförare</translation>
    </message>
    <message>
      <source>organisation number</source>
      <translation>organisationsnummer</translation>
    </message>
    <message>
      <source>service area</source>
      <translation>verksamhetsområde</translation>
    </message>
    <message>
      <source>contract start</source>
      <translation>avtalets start</translation>
    </message>
    <message>
      <source>contract end</source>
      <translation>avtalets slut</translation>
    </message>
    <message>
      <source>description</source>
      <translation>beskrivning</translation>
    </message>
  </context>
  <context>
    <name>CascadeView</name>
    <message>
      <source>Activity</source>
      <translation>Aktivitet</translation>
    </message>
    <message>
      <source>Red thread</source>
      <translation>Röd tråd</translation>
    </message>
    <message>
      <source>Strategy</source>
      <translation>Strategi</translation>
    </message>
  </context>
  <context>
    <name>DetailPanel</name>
    <message>
      <source>(together %1)</source>
      <translation>(tillsammans %1)</translation>
    </message>
    <message>
      <source>Closed %1</source>
      <translation>Upphörde %1</translation>
    </message>
    <message>
      <source>History</source>
      <translation>Historik</translation>
    </message>
    <message>
      <source>Merged in from %1 on %2</source>
      <translation>Sammanslagen med %1 den %2</translation>
    </message>
    <message>
      <source>Merged into %1 on %2</source>
      <translation>Slogs ihop med %1 den %2</translation>
    </message>
    <message>
      <source>Own value</source>
      <translation>Eget värde</translation>
    </message>
    <message>
      <source>Predecessors</source>
      <translation>Föregångare</translation>
    </message>
    <message>
      <source>Results through the merge</source>
      <translation>Utfall genom sammanslagningen</translation>
    </message>
    <message>
      <source>Split from %1 on %2</source>
      <translation>Utbruten ur %1 den %2</translation>
    </message>
    <message>
      <source>Split into %1 on %2</source>
      <translation>Delades till %1 den %2</translation>
    </message>
    <message>
      <source>Strategies</source>
      <translation>Strategier</translation>
    </message>
    <message>
      <source>Under %1 until %2</source>
      <translation>Under %1 till %2</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>År</translation>
    </message>
  </context>
  <context>
    <name>SteeringModelDialog</name>
    <message>
      <source>Adopted by</source>
      <translation>Fastställs av</translation>
    </message>
    <message>
      <source>Change steering model</source>
      <translation>Ändra styrmodellen</translation>
    </message>
    <message>
      <source>English name</source>
      <translation>Engelskt namn</translation>
    </message>
    <message>
      <source>In use</source>
      <translation>Används</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Namn</translation>
    </message>
    <message>
      <source>SKR's model</source>
      <translation>SKR:s modell</translation>
    </message>
    <message>
      <source>Steering model</source>
      <translation>Styrmodell</translation>
    </message>
    <message>
      <source>Swedish name</source>
      <translation>Svenskt namn</translation>
    </message>
  </context>
  <context>
    <name>StrategiesDialog</name>
    <message>
      <source>Code</source>
      <translation>Kod</translation>
    </message>
    <message>
      <source>Delete strategy</source>
      <translation>Ta bort strategi</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Beskrivning</translation>
    </message>
    <message>
      <source>Edit strategy</source>
      <translation>Ändra strategi</translation>
    </message>
    <message>
      <source>Goals</source>
      <translation>Mål</translation>
    </message>
    <message>
      <source>Link goal</source>
      <translation>Koppla mål</translation>
    </message>
    <message>
      <source>New strategy</source>
      <translation>Ny strategi</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Ägare</translation>
    </message>
    <message>
      <source>Strategies</source>
      <translation>Strategier</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Rubrik</translation>
    </message>
    <message>
      <source>Unlink goal</source>
      <translation>Koppla bort mål</translation>
    </message>
  </context>
  <context>
    <name>StructurePage</name>
    <message>
      <source>Steering model…</source>
      <translation>Styrmodell…</translation>
    </message>
    <message>
      <source>Strategies…</source>
      <translation>Strategier…</translation>
    </message>
    <message>
      <source>As of</source>
      <translation>Per</translation>
    </message>
    <message>
      <source>Show the organisation as it stood on this day (read-only)</source>
      <translation>Visa organisationen som den var denna dag (skrivskyddad)</translation>
    </message>
  </context>
</TS>
