<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>CascadeView</name>
    <message>
      <source>(no owner)</source>
      <translation>(ingen ägare)</translation>
    </message>
    <message>
      <source>Goal</source>
      <translation>Mål</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>Nivå</translation>
    </message>
    <message>
      <source>Part of</source>
      <translation>Del av</translation>
    </message>
    <message numerus="yes">
      <source>This unit owns %n goal(s).</source>
      <translation>
        <numerusform>Enheten äger %n mål.</numerusform>
        <numerusform>Enheten äger %n mål.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>“%1” is broken down into %n goal(s):</source>
      <translation>
        <numerusform>”%1” är nedbrutet i %n mål:</numerusform>
        <numerusform>”%1” är nedbrutet i %n mål:</numerusform>
      </translation>
    </message>
    <message>
      <source>“%1” is not broken down further.</source>
      <translation>”%1” är inte nedbrutet vidare.</translation>
    </message>
  </context>
  <context>
    <name>GoalEditor</name>
    <message numerus="yes">
      <source>%n assessment(s)</source>
      <translation>
        <numerusform>%n bedömning</numerusform>
        <numerusform>%n bedömningar</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n goal area(s)</source>
      <translation>
        <numerusform>%n målområde</numerusform>
        <numerusform>%n målområden</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n goal(s)</source>
      <translation>
        <numerusform>%n mål</numerusform>
        <numerusform>%n mål</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n goal(s) cut: select the new parent and press Ctrl+V.</source>
      <translation>
        <numerusform>%n mål urklippt: välj den nya överordnade och tryck Ctrl+V.</numerusform>
        <numerusform>%n mål urklippta: välj den nya överordnade och tryck Ctrl+V.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n match(es)</source>
      <translation>
        <numerusform>%n träff</numerusform>
        <numerusform>%n träffar</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n sub-goal(s)</source>
      <translation>
        <numerusform>%n delmål</numerusform>
        <numerusform>%n delmål</numerusform>
      </translation>
    </message>
    <message>
      <source>&lt;original&gt;</source>
      <translation>&lt;ursprungligt&gt;</translation>
    </message>
    <message numerus="yes">
      <source>Also removed: %n indicator link(s)</source>
      <translation>
        <numerusform>Tas också bort: %n indikatorkoppling</numerusform>
        <numerusform>Tas också bort: %n indikatorkopplingar</numerusform>
      </translation>
    </message>
    <message>
      <source>Beneath: %1.</source>
      <translation>Under: %1.</translation>
    </message>
    <message>
      <source>Cut (to move)</source>
      <translation>Klipp ut (för att flytta)</translation>
    </message>
    <message numerus="yes">
      <source>Delete %n goal(s)</source>
      <translation>
        <numerusform>Ta bort %n mål</numerusform>
        <numerusform>Ta bort %n mål</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n goal(s)?</source>
      <translation>
        <numerusform>Ta bort %n mål?</numerusform>
        <numerusform>Ta bort %n mål?</numerusform>
      </translation>
    </message>
    <message>
      <source>Delete goals</source>
      <translation>Ta bort mål</translation>
    </message>
    <message>
      <source>Delete “%1”?</source>
      <translation>Ta bort ”%1”?</translation>
    </message>
    <message>
      <source>Delete…</source>
      <translation>Ta bort…</translation>
    </message>
    <message>
      <source>Find goal…</source>
      <translation>Sök mål…</translation>
    </message>
    <message numerus="yes">
      <source>Move %n goal(s)</source>
      <translation>
        <numerusform>Flytta %n mål</numerusform>
        <numerusform>Flytta %n mål</numerusform>
      </translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Flytta ned</translation>
    </message>
    <message>
      <source>Move goal down</source>
      <translation>Flytta mål nedåt</translation>
    </message>
    <message>
      <source>Move goal in</source>
      <translation>Flytta in mål en nivå</translation>
    </message>
    <message>
      <source>Move goal out</source>
      <translation>Flytta ut mål en nivå</translation>
    </message>
    <message>
      <source>Move goal up</source>
      <translation>Flytta mål uppåt</translation>
    </message>
    <message>
      <source>Move in under the goal above</source>
      <translation>Flytta in under målet ovanför</translation>
    </message>
    <message>
      <source>Move out one level</source>
      <translation>Flytta ut en nivå</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>Flytta upp</translation>
    </message>
    <message>
      <source>New goal</source>
      <translation>Nytt mål</translation>
    </message>
    <message>
      <source>New goal beside</source>
      <translation>Nytt mål bredvid</translation>
    </message>
    <message>
      <source>New sub-goal</source>
      <translation>Nytt underordnat mål</translation>
    </message>
    <message>
      <source>Nothing is cut. Select goals and press Ctrl+X first.</source>
      <translation>Inget är urklippt. Markera mål och tryck Ctrl+X först.</translation>
    </message>
    <message>
      <source>Paste under selected goal</source>
      <translation>Klistra in under markerat mål</translation>
    </message>
    <message>
      <source>Rename</source>
      <translation>Byt namn</translation>
    </message>
    <message>
      <source>The audit history is kept. Undo (Ctrl+Z) restores everything.</source>
      <translation>Ändringshistoriken sparas. Ångra (Ctrl+Z) återställer allt.</translation>
    </message>
    <message>
      <source>Undo history</source>
      <translation>Ångrahistorik</translation>
    </message>
    <message>
      <source>Undo history…</source>
      <translation>Ångrahistorik…</translation>
    </message>
    <message>
      <source>%1 – Ctrl+Z undoes it</source>
      <translation>%1 – Ctrl+Z ångrar</translation>
    </message>
  </context>
  <context>
    <name>GoalForm</name>
    <message>
      <source>Add…</source>
      <translation>Lägg till…</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Kod</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Beskrivning</translation>
    </message>
    <message>
      <source>Edit %1</source>
      <translation>Ändra %1</translation>
    </message>
    <message>
      <source>Horizon</source>
      <translation>Tidshorisont</translation>
    </message>
    <message>
      <source>Indicators</source>
      <translation>Indikatorer</translation>
    </message>
    <message numerus="yes">
      <source>Link %n indicator(s)</source>
      <translation>
        <numerusform>Koppla %n indikator</numerusform>
        <numerusform>Koppla %n indikatorer</numerusform>
      </translation>
    </message>
    <message>
      <source>Link indicator</source>
      <translation>Koppla indikator</translation>
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
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Rubrik</translation>
    </message>
    <message numerus="yes">
      <source>Unlink %n indicator(s)</source>
      <translation>
        <numerusform>Koppla bort %n indikator</numerusform>
        <numerusform>Koppla bort %n indikatorer</numerusform>
      </translation>
    </message>
    <message>
      <source>Unlink indicator</source>
      <translation>Koppla bort indikator</translation>
    </message>
    <message>
      <source>Years</source>
      <translation>År</translation>
    </message>
    <message>
      <source>code</source>
      <translation>kod</translation>
    </message>
    <message>
      <source>description</source>
      <translation>beskrivning</translation>
    </message>
    <message>
      <source>end year</source>
      <translation>slutår</translation>
    </message>
    <message>
      <source>horizon</source>
      <translation>tidshorisont</translation>
    </message>
    <message>
      <source>owner</source>
      <translation>ägare</translation>
    </message>
    <message>
      <source>start year</source>
      <translation>startår</translation>
    </message>
    <message>
      <source>state</source>
      <translation>status</translation>
    </message>
    <message>
      <source>title</source>
      <translation>rubrik</translation>
    </message>
  </context>
  <context>
    <name>GoalSearchBar</name>
    <message>
      <source>Find goal (title, code, description, indicator) – Ctrl+F</source>
      <translation>Sök mål (rubrik, kod, beskrivning, indikator) – Ctrl+F</translation>
    </message>
  </context>
  <context>
    <name>GoalTreeModel</name>
    <message numerus="yes">
      <source>Move %n goal(s)</source>
      <translation>
        <numerusform>Flytta %n mål</numerusform>
        <numerusform>Flytta %n mål</numerusform>
      </translation>
    </message>
    <message>
      <source>Rename “%1”</source>
      <translation>Byt namn på ”%1”</translation>
    </message>
  </context>
  <context>
    <name>IndicatorPicker</name>
    <message>
      <source>Link indicators</source>
      <translation>Koppla indikatorer</translation>
    </message>
    <message>
      <source>Type part of a code or name…</source>
      <translation>Skriv en del av en kod eller ett namn…</translation>
    </message>
  </context>
  <context>
    <name>StructurePage</name>
    <message>
      <source>Cascade</source>
      <translation>Nedbrytning</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Detaljer</translation>
    </message>
    <message>
      <source>Edit</source>
      <translation>Redigera</translation>
    </message>
  </context>
</TS>
