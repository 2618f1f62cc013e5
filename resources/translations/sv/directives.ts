<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>AnnualCyclePage</name>
    <message>
      <source>Add</source>
      <translation>Lägg till</translation>
    </message>
    <message>
      <source>Added</source>
      <translation>Tillagd</translation>
    </message>
    <message>
      <source>Annual cycle</source>
      <translation>Årshjul</translation>
    </message>
    <message>
      <source>Budget</source>
      <translation>Budget</translation>
    </message>
    <message>
      <source>Council</source>
      <translation>Fullmäktige</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Datum</translation>
    </message>
    <message>
      <source>Delete milestone</source>
      <translation>Ta bort händelse</translation>
    </message>
    <message>
      <source>Document review</source>
      <translation>Revidering</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Uppföljning</translation>
    </message>
    <message>
      <source>From the data</source>
      <translation>Från data</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Slag</translation>
    </message>
    <message>
      <source>Milestone</source>
      <translation>Händelse</translation>
    </message>
    <message>
      <source>Milestones of the year</source>
      <translation>Årets händelser</translation>
    </message>
    <message>
      <source>New milestone</source>
      <translation>Ny händelse</translation>
    </message>
    <message>
      <source>Only added milestones can be deleted; the others come from the data.</source>
      <translation>Bara tillagda händelser kan tas bort; de övriga kommer från data.</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Källa</translation>
    </message>
    <message>
      <source>Staff</source>
      <translation>Personal</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>År</translation>
    </message>
  </context>
  <context>
    <name>DelegationPanel</name>
    <message>
      <source>%1 – version %2 (%3)</source>
      <translation>%1 – version %2 (%3)</translation>
    </message>
    <message>
      <source>(no chapter)</source>
      <translation>(inget kapitel)</translation>
    </message>
    <message>
      <source>Add item…</source>
      <translation>Lägg till punkt…</translation>
    </message>
    <message>
      <source>Case number</source>
      <translation>Diarienummer</translation>
    </message>
    <message>
      <source>Committee meeting</source>
      <translation>Nämndsammanträde</translation>
    </message>
    <message>
      <source>Decided by</source>
      <translation>Beslutat av</translation>
    </message>
    <message>
      <source>Decided on</source>
      <translation>Beslutsdatum</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Beslut</translation>
    </message>
    <message>
      <source>Decisions not yet reported</source>
      <translation>Beslut som inte anmälts</translation>
    </message>
    <message>
      <source>Decisions under the item</source>
      <translation>Beslut under punkten</translation>
    </message>
    <message>
      <source>Decisions under the selected item</source>
      <translation>Beslut under vald punkt</translation>
    </message>
    <message>
      <source>Delegate</source>
      <translation>Delegat</translation>
    </message>
    <message>
      <source>Delegated decisions to report – %1</source>
      <translation>Delegationsbeslut att anmäla – %1</translation>
    </message>
    <message>
      <source>Delegation items</source>
      <translation>Delegationspunkter</translation>
    </message>
    <message>
      <source>Delegation order</source>
      <translation>Delegationsordning</translation>
    </message>
    <message>
      <source>Delete item</source>
      <translation>Ta bort punkt</translation>
    </message>
    <message>
      <source>Deputy</source>
      <translation>Ersättare</translation>
    </message>
    <message>
      <source>Export decisions to report</source>
      <translation>Exportera beslut att anmäla</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Exportera…</translation>
    </message>
    <message>
      <source>Legal reference</source>
      <translation>Lagrum</translation>
    </message>
    <message>
      <source>Limits/conditions</source>
      <translation>Begränsningar/villkor</translation>
    </message>
    <message>
      <source>Log decision</source>
      <translation>Registrera beslut</translation>
    </message>
    <message>
      <source>Mark as reported</source>
      <translation>Markera som anmälda</translation>
    </message>
    <message>
      <source>Marks the selected decisions, or all listed when none is selected</source>
      <translation>Markerar de valda besluten, eller alla i listan när inget är valt</translation>
    </message>
    <message>
      <source>Matter</source>
      <translation>Ärende</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>Nr</translation>
    </message>
    <message>
      <source>Not yet reported to the committee</source>
      <translation>Ej anmält till nämnden</translation>
    </message>
    <message>
      <source>PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv);;HTML (*.html)</source>
      <translation>PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv);;HTML (*.html)</translation>
    </message>
    <message>
      <source>Reported</source>
      <translation>Anmält</translation>
    </message>
    <message>
      <source>Select the item the decision was taken under.</source>
      <translation>Välj punkten som beslutet fattades med stöd av.</translation>
    </message>
    <message>
      <source>Unreported</source>
      <translation>Ej anmälda</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Anmälan</translation>
    </message>
    <message>
      <source>Delete decision</source>
      <translation>Ta bort beslut</translation>
    </message>
  </context>
  <context>
    <name>DirectiveCommands</name>
    <message>
      <source>Add delegation item</source>
      <translation>Lägg till delegationspunkt</translation>
    </message>
    <message>
      <source>Change document status</source>
      <translation>Ändra dokumentets status</translation>
    </message>
    <message>
      <source>Delete delegation item</source>
      <translation>Ta bort delegationspunkt</translation>
    </message>
    <message>
      <source>Edit delegation item</source>
      <translation>Ändra delegationspunkt</translation>
    </message>
    <message>
      <source>Edit document</source>
      <translation>Ändra styrdokument</translation>
    </message>
    <message>
      <source>Log delegated decision</source>
      <translation>Registrera delegationsbeslut</translation>
    </message>
    <message>
      <source>Mark decisions as reported</source>
      <translation>Markera beslut som anmälda</translation>
    </message>
    <message>
      <source>New document</source>
      <translation>Nytt styrdokument</translation>
    </message>
    <message>
      <source>New version</source>
      <translation>Ny version</translation>
    </message>
    <message>
      <source>Delete delegated decision</source>
      <translation>Ta bort delegationsbeslut</translation>
    </message>
  </context>
  <context>
    <name>DirectiveForm</name>
    <message>
      <source>%1 (stored in the database, %2 kB)</source>
      <translation>%1 (sparad i databasen, %2 kB)</translation>
    </message>
    <message>
      <source>Address or file path:</source>
      <translation>Adress eller sökväg:</translation>
    </message>
    <message>
      <source>Adopt</source>
      <translation>Fastställ</translation>
    </message>
    <message>
      <source>Adopted by</source>
      <translation>Fastställd av</translation>
    </message>
    <message>
      <source>Adoption date</source>
      <translation>Fastställd datum</translation>
    </message>
    <message>
      <source>After</source>
      <translation>Efter</translation>
    </message>
    <message>
      <source>Attach file</source>
      <translation>Bifoga fil</translation>
    </message>
    <message>
      <source>Attach file…</source>
      <translation>Bifoga fil…</translation>
    </message>
    <message>
      <source>Attachment</source>
      <translation>Bilaga</translation>
    </message>
    <message>
      <source>Back to draft</source>
      <translation>Tillbaka till utkast</translation>
    </message>
    <message>
      <source>Before</source>
      <translation>Före</translation>
    </message>
    <message>
      <source>Body text</source>
      <translation>Text</translation>
    </message>
    <message>
      <source>Case number</source>
      <translation>Diarienummer</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>Jämför</translation>
    </message>
    <message>
      <source>Correct the marked fields; nothing was saved.</source>
      <translation>Rätta de markerade fälten; inget sparades.</translation>
    </message>
    <message>
      <source>Enter a date as YYYY-MM-DD.</source>
      <translation>Ange datum som ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Fält</translation>
    </message>
    <message>
      <source>Link to attachment</source>
      <translation>Länk till bilaga</translation>
    </message>
    <message>
      <source>Link: %1</source>
      <translation>Länk: %1</translation>
    </message>
    <message>
      <source>Linked goals</source>
      <translation>Kopplade mål</translation>
    </message>
    <message>
      <source>Link…</source>
      <translation>Länka…</translation>
    </message>
    <message>
      <source>New document</source>
      <translation>Nytt styrdokument</translation>
    </message>
    <message>
      <source>New version</source>
      <translation>Ny version</translation>
    </message>
    <message>
      <source>No attachment</source>
      <translation>Ingen bilaga</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Öppna</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Ägare</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Ta bort</translation>
    </message>
    <message>
      <source>Repeal</source>
      <translation>Upphäv</translation>
    </message>
    <message>
      <source>Responsible officer</source>
      <translation>Ansvarig tjänsteperson</translation>
    </message>
    <message>
      <source>Review due</source>
      <translation>Revideras senast</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Spara</translation>
    </message>
    <message>
      <source>Send for consultation</source>
      <translation>Skicka på remiss</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Sammanfattning</translation>
    </message>
    <message>
      <source>The file is larger than 25 MB; link to it instead.</source>
      <translation>Filen är större än 25 MB; länka till den i stället.</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Titel</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Typ</translation>
    </message>
    <message>
      <source>Valid from</source>
      <translation>Gäller från</translation>
    </message>
    <message>
      <source>Valid to</source>
      <translation>Gäller till</translation>
    </message>
    <message>
      <source>Version %1</source>
      <translation>Version %1</translation>
    </message>
    <message>
      <source>Version %1 – %2</source>
      <translation>Version %1 – %2</translation>
    </message>
    <message>
      <source>Version history</source>
      <translation>Versionshistorik</translation>
    </message>
    <message>
      <source>YYYY-MM-DD</source>
      <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
      <source>read-only; create a new version to change it</source>
      <translation>skrivskyddat; skapa en ny version för att ändra</translation>
    </message>
    <message>
      <source>with</source>
      <translation>med</translation>
    </message>
    <message>
      <source>Save the changes to “%1”?</source>
      <translation>Spara ändringarna i ”%1”?</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>Osparade ändringar</translation>
    </message>
  </context>
  <context>
    <name>DirectivesPage</name>
    <message>
      <source>Adopted documents whose review date has passed (red) or falls within 90 days (yellow). Double-click to open.</source>
      <translation>Fastställda dokument vars revideringsdatum har passerat (rött) eller infaller inom 90 dagar (gult). Dubbelklicka för att öppna.</translation>
    </message>
    <message>
      <source>All</source>
      <translation>Alla</translation>
    </message>
    <message>
      <source>Case number</source>
      <translation>Diarienummer</translation>
    </message>
    <message>
      <source>Delegation</source>
      <translation>Delegation</translation>
    </message>
    <message>
      <source>Directive register</source>
      <translation>Register över styrdokument</translation>
    </message>
    <message>
      <source>Directives</source>
      <translation>Styrdokument</translation>
    </message>
    <message>
      <source>Directives to review</source>
      <translation>Styrdokument att revidera</translation>
    </message>
    <message>
      <source>Due for review</source>
      <translation>Att revidera</translation>
    </message>
    <message>
      <source>New &amp;document</source>
      <translation>Nytt &amp;styrdokument</translation>
    </message>
    <message>
      <source>New document</source>
      <translation>Nytt styrdokument</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Ägare</translation>
    </message>
    <message>
      <source>Register</source>
      <translation>Register</translation>
    </message>
    <message>
      <source>Review due</source>
      <translation>Revideras senast</translation>
    </message>
    <message>
      <source>Search title or case number</source>
      <translation>Sök titel eller diarienummer</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Titel</translation>
    </message>
    <message>
      <source>To review</source>
      <translation>Att revidera</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Typ</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Avbryt</translation>
    </message>
    <message>
      <source>Directives, delegation, plans and milestones to Excel</source>
      <translation>Styrdokument, delegation, planer och årshjul till Excel</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>Export directives &amp;register…</source>
      <translation>Exportera &amp;register över styrdokument…</translation>
    </message>
    <message>
      <source>Export directives register</source>
      <translation>Exportera register över styrdokument</translation>
    </message>
    <message>
      <source>Exporting the register…</source>
      <translation>Registret exporteras…</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Exportera…</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>Sparad: %1</translation>
    </message>
  </context>
  <context>
    <name>ItemDialog</name>
    <message>
      <source>Chapter</source>
      <translation>Kapitel</translation>
    </message>
    <message>
      <source>Delegate</source>
      <translation>Delegat</translation>
    </message>
    <message>
      <source>Deputy</source>
      <translation>Ersättare</translation>
    </message>
    <message>
      <source>Legal reference</source>
      <translation>Lagrum</translation>
    </message>
    <message>
      <source>Limits/conditions</source>
      <translation>Begränsningar/villkor</translation>
    </message>
    <message>
      <source>Matter</source>
      <translation>Ärende</translation>
    </message>
    <message>
      <source>New delegation item</source>
      <translation>Ny delegationspunkt</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>Nummer</translation>
    </message>
    <message>
      <source>Report to committee</source>
      <translation>Anmälan till nämnden</translation>
    </message>
  </context>
  <context>
    <name>PlanCommands</name>
    <message>
      <source>Add activity</source>
      <translation>Lägg till aktivitet</translation>
    </message>
    <message>
      <source>Add milestone</source>
      <translation>Lägg till händelse</translation>
    </message>
    <message>
      <source>Copy plan</source>
      <translation>Kopiera plan</translation>
    </message>
    <message>
      <source>Delete activity</source>
      <translation>Ta bort aktivitet</translation>
    </message>
    <message>
      <source>Delete milestone</source>
      <translation>Ta bort händelse</translation>
    </message>
    <message>
      <source>Edit activity</source>
      <translation>Ändra aktivitet</translation>
    </message>
    <message>
      <source>Edit plan</source>
      <translation>Ändra plan</translation>
    </message>
    <message>
      <source>Edit programme text</source>
      <translation>Ändra programtext</translation>
    </message>
    <message>
      <source>New plan</source>
      <translation>Ny plan</translation>
    </message>
    <message>
      <source>Edit milestone</source>
      <translation>Ändra händelse</translation>
    </message>
  </context>
  <context>
    <name>PlanPanel</name>
    <message numerus="yes">
      <source>%n activities</source>
      <translation>
        <numerusform>%n aktivitet</numerusform>
        <numerusform>%n aktiviteter</numerusform>
      </translation>
    </message>
    <message>
      <source>Activities</source>
      <translation>Aktiviteter</translation>
    </message>
    <message>
      <source>Activity</source>
      <translation>Aktivitet</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Lägg till</translation>
    </message>
    <message>
      <source>Copy last year's plan</source>
      <translation>Kopiera förra årets plan</translation>
    </message>
    <message>
      <source>Delete activity</source>
      <translation>Ta bort aktivitet</translation>
    </message>
    <message>
      <source>End</source>
      <translation>Slut</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>Uppföljning</translation>
    </message>
    <message>
      <source>Goals</source>
      <translation>Mål</translation>
    </message>
    <message>
      <source>Goals of the selected activity</source>
      <translation>Mål för vald aktivitet</translation>
    </message>
    <message>
      <source>Goals without an activity</source>
      <translation>Mål utan aktivitet</translation>
    </message>
    <message>
      <source>Mission</source>
      <translation>Uppdrag</translation>
    </message>
    <message>
      <source>New activity</source>
      <translation>Ny aktivitet</translation>
    </message>
    <message>
      <source>New plan</source>
      <translation>Ny plan</translation>
    </message>
    <message>
      <source>No plan for this year yet.</source>
      <translation>Ingen plan för året ännu.</translation>
    </message>
    <message>
      <source>No plan for this year yet: copy last year's plan or start a new one.</source>
      <translation>Ingen plan för året ännu: kopiera förra årets plan eller börja en ny.</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>Progress %</source>
      <translation>Framsteg %</translation>
    </message>
    <message>
      <source>Resources</source>
      <translation>Resurser</translation>
    </message>
    <message>
      <source>Responsible</source>
      <translation>Ansvarig</translation>
    </message>
    <message>
      <source>Save plan text</source>
      <translation>Spara plantext</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Status is one of: %1</source>
      <translation>Status är en av: %1</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Titel</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Enhet</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>År</translation>
    </message>
  </context>
  <context>
    <name>PlansPage</name>
    <message>
      <source>Operational plans</source>
      <translation>Verksamhetsplaner</translation>
    </message>
    <message>
      <source>Programme for providers</source>
      <translation>Program för utförare</translation>
    </message>
  </context>
  <context>
    <name>ProgrammePanel</name>
    <message>
      <source>Closing text</source>
      <translation>Avslutande text</translation>
    </message>
    <message>
      <source>Export programme</source>
      <translation>Exportera program</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Exportera…</translation>
    </message>
    <message>
      <source>Introduction</source>
      <translation>Inledning</translation>
    </message>
    <message>
      <source>Kommunallagen 5 kap. 3 §: goals and guidelines for all providers, in-house and private, on equal terms. Goals, indicators and the follow-up plan are generated from the data; the introduction and closing text are yours.</source>
      <translation>Kommunallagen 5 kap. 3 §: mål och riktlinjer för alla utförare, egen regi och privata, på lika villkor. Mål, indikatorer och uppföljningsplan skapas ur data; inledning och avslutande text skriver du själv.</translation>
    </message>
    <message>
      <source>PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;Text (*.txt)</source>
      <translation>PDF (*.pdf);;HTML (*.html);;Markdown (*.md);;Text (*.txt)</translation>
    </message>
    <message>
      <source>Save text</source>
      <translation>Spara text</translation>
    </message>
    <message>
      <source>Term of office starting</source>
      <translation>Mandatperiod som börjar</translation>
    </message>
  </context>
</TS>
