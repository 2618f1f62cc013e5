<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>BatchesModel</name>
    <message>
      <source>By</source>
      <translation>Av</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>Ändrade</translation>
    </message>
    <message>
      <source>Checksum</source>
      <translation>Kontrollsumma</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Fil</translation>
    </message>
    <message>
      <source>Imported</source>
      <translation>Importerad</translation>
    </message>
    <message>
      <source>New</source>
      <translation>Nya</translation>
    </message>
    <message>
      <source>Skipped</source>
      <translation>Överhoppade</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Läge</translation>
    </message>
    <message>
      <source>Unchanged</source>
      <translation>Oförändrade</translation>
    </message>
    <message>
      <source>Undone</source>
      <translation>Ångrad</translation>
    </message>
  </context>
  <context>
    <name>ChangesModel</name>
    <message>
      <source>Changed</source>
      <translation>Ändrad</translation>
    </message>
    <message>
      <source>Gender</source>
      <translation>Kön</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>New</source>
      <translation>Ny</translation>
    </message>
    <message>
      <source>New value</source>
      <translation>Nytt värde</translation>
    </message>
    <message>
      <source>Old value</source>
      <translation>Tidigare värde</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>Rad</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Unchanged</source>
      <translation>Oförändrad</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Enhet</translation>
    </message>
  </context>
  <context>
    <name>ExchangePage</name>
    <message>
      <source>%1 rows written to %2</source>
      <translation>%1 rader skrivna till %2</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>&amp;Exportera…</translation>
    </message>
    <message>
      <source>&amp;Import…</source>
      <translation>&amp;Importera…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Avbryt</translation>
    </message>
    <message>
      <source>Drop a spreadsheet, CSV or Kolada file on the window to import it. Each import is a batch that can be undone as a whole.</source>
      <translation>Släpp ett kalkylblad, en CSV- eller Kolada-fil på fönstret för att importera den. Varje import är en omgång som kan ångras i sin helhet.</translation>
    </message>
    <message>
      <source>Export &amp;follow-up…</source>
      <translation>Exportera &amp;uppföljning…</translation>
    </message>
    <message>
      <source>Export database</source>
      <translation>Exportera databasen</translation>
    </message>
    <message>
      <source>Export database…</source>
      <translation>Exportera databasen…</translation>
    </message>
    <message>
      <source>Export follow-up</source>
      <translation>Exportera uppföljning</translation>
    </message>
    <message>
      <source>Export follow-up…</source>
      <translation>Exportera uppföljning…</translation>
    </message>
    <message>
      <source>Import and export</source>
      <translation>Import och export</translation>
    </message>
    <message>
      <source>Import file</source>
      <translation>Importera fil</translation>
    </message>
    <message>
      <source>Import file…</source>
      <translation>Importera fil…</translation>
    </message>
    <message>
      <source>Period:</source>
      <translation>Period:</translation>
    </message>
    <message>
      <source>Save import template</source>
      <translation>Spara importmall</translation>
    </message>
    <message>
      <source>Save import template…</source>
      <translation>Spara importmall…</translation>
    </message>
    <message>
      <source>There are no periods to follow up yet.</source>
      <translation>Det finns inga perioder att följa upp ännu.</translation>
    </message>
    <message>
      <source>Undo import of %1</source>
      <translation>Ångra importen av %1</translation>
    </message>
    <message>
      <source>Undo selected import</source>
      <translation>Ångra vald import</translation>
    </message>
    <message>
      <source>Writing %1…</source>
      <translation>Skriver %1…</translation>
    </message>
    <message>
      <source>Whole organisation</source>
      <translation>Hela organisationen</translation>
    </message>
    <message>
      <source>Scope:</source>
      <translation>Omfattning:</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source> (hidden)</source>
      <translation> (dolt)</translation>
    </message>
    <message numerus="yes">
      <source>%n problem(s) must be fixed before importing; nothing has been written.</source>
      <translation>
        <numerusform>%n fel måste rättas före importen; ingenting har skrivits.</numerusform>
        <numerusform>%n fel måste rättas före importen; ingenting har skrivits.</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Import</source>
      <translation>&amp;Importera</translation>
    </message>
    <message>
      <source>(not imported)</source>
      <translation>(importeras inte)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Avbryt</translation>
    </message>
    <message>
      <source>Changes</source>
      <translation>Ändringar</translation>
    </message>
    <message>
      <source>Checking the file…</source>
      <translation>Kontrollerar filen…</translation>
    </message>
    <message>
      <source>Comment</source>
      <translation>Kommentar</translation>
    </message>
    <message>
      <source>Create missing units and indicators</source>
      <translation>Skapa saknade enheter och indikatorer</translation>
    </message>
    <message>
      <source>Gender</source>
      <translation>Kön</translation>
    </message>
    <message>
      <source>Header row:</source>
      <translation>Rubrikrad:</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>Import %1</source>
      <translation>Importera %1</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>Importerar…</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Municipality code</source>
      <translation>Kommunkod</translation>
    </message>
    <message>
      <source>Organisation number</source>
      <translation>Organisationsnummer</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Period:</source>
      <translation>Period:</translation>
    </message>
    <message>
      <source>Problems</source>
      <translation>Fel</translation>
    </message>
    <message>
      <source>Problems (%1)</source>
      <translation>Fel (%1)</translation>
    </message>
    <message>
      <source>Provider name</source>
      <translation>Utförarens namn</translation>
    </message>
    <message>
      <source>Provider type</source>
      <translation>Utförartyp</translation>
    </message>
    <message>
      <source>Reading the file…</source>
      <translation>Läser filen…</translation>
    </message>
    <message>
      <source>Remember this column mapping for files like this one</source>
      <translation>Kom ihåg kolumnerna för filer av det här slaget</translation>
    </message>
    <message>
      <source>Rows read: %1</source>
      <translation>Lästa rader: %1</translation>
    </message>
    <message>
      <source>Rows written: %1 of %2</source>
      <translation>Skrivna rader: %1 av %2</translation>
    </message>
    <message>
      <source>Sheet:</source>
      <translation>Blad:</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Målvärde</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Enhet</translation>
    </message>
    <message>
      <source>Unit name</source>
      <translation>Enhetens namn</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Utfall</translation>
    </message>
    <message>
      <source>Value for the indicator in the header</source>
      <translation>Utfall för indikatorn i rubriken</translation>
    </message>
    <message>
      <source>Value for the period in the header</source>
      <translation>Utfall för perioden i rubriken</translation>
    </message>
    <message>
      <source>What each column holds:</source>
      <translation>Vad varje kolumn innehåller:</translation>
    </message>
    <message>
      <source>e.g. 2025 or 2025T2, when the file has no period column</source>
      <translation>t.ex. 2025 eller 2025T2, när filen saknar periodkolumn</translation>
    </message>
  </context>
</TS>
