<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>AssessmentPanel</name>
    <message>
      <source>Not saved.</source>
      <translation>Sparades inte.</translation>
    </message>
  </context>
  <context>
    <name>DelegationPanel</name>
    <message>
      <source>Not saved.</source>
      <translation>Sparades inte.</translation>
    </message>
  </context>
  <context>
    <name>ExchangePage</name>
    <message>
      <source>%1 – Ctrl+Z puts it back</source>
      <translation>%1 – Ctrl+Z lägger tillbaka den</translation>
    </message>
    <message>
      <source>Undo import of %1 rows</source>
      <translation>Ångra import av %1 rader</translation>
    </message>
    <message>
      <source>Undo the import of %1 from %2?

%3 new rows are removed and %4 changed rows get their earlier values back. Edits made since to the same values are kept as they are.</source>
      <translation>Ångra importen av %1 från %2?

%3 nya rader tas bort och %4 ändrade rader får tillbaka sina tidigare värden. Ändringar gjorda sedan dess av samma värden behålls som de är.</translation>
    </message>
    <message>
      <source>No imports yet – drop a file here or choose Import file…</source>
      <translation>Inga importer ännu – dra en fil hit eller välj Importera fil…</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source>Imported %1: %2. Import and export ▸ Undo selected import takes it back.</source>
      <translation>Importerade %1: %2. Import och export ▸ Ångra vald import tar tillbaka den.</translation>
    </message>
  </context>
  <context>
    <name>ItemDialog</name>
    <message>
      <source>Required.</source>
      <translation>Måste fyllas i.</translation>
    </message>
  </context>
  <context>
    <name>MeetingDialog</name>
    <message>
      <source>Choose the unit or provider the meeting was with.</source>
      <translation>Välj enheten eller utföraren som mötet hölls med.</translation>
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <source>Styrkort – user guide</source>
      <translation>Styrkort – användarhandledning</translation>
    </message>
    <message>
      <source>User guide</source>
      <translation>Användarhandledning</translation>
    </message>
    <message>
      <source>The user guide is missing from this installation.</source>
      <translation>Användarhandledningen saknas i den här installationen.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;User guide</source>
      <translation>&amp;Användarhandledning</translation>
    </message>
    <message>
      <source>Find a goal by code or title (Ctrl+F on the goal page)</source>
      <translation>Sök ett mål på kod eller titel (Ctrl+F på målsidan)</translation>
    </message>
    <message>
      <source>Find goal</source>
      <translation>Sök mål</translation>
    </message>
    <message>
      <source>New goal</source>
      <translation>Nytt mål</translation>
    </message>
    <message>
      <source>New goal beside the selected one (Ctrl+N in the goal tree)</source>
      <translation>Nytt mål bredvid det markerade (Ctrl+N i målträdet)</translation>
    </message>
    <message>
      <source>Tools</source>
      <translation>Verktyg</translation>
    </message>
  </context>
  <context>
    <name>OverviewPage</name>
    <message>
      <source>&amp;Period</source>
      <translation>&amp;Period</translation>
    </message>
    <message>
      <source>&amp;Scope</source>
      <translation>&amp;Omfattning</translation>
    </message>
    <message>
      <source>At a glance</source>
      <translation>I korthet</translation>
    </message>
    <message>
      <source>Delegated decisions not reported to the committee</source>
      <translation>Delegationsbeslut som inte anmälts till nämnden</translation>
    </message>
    <message>
      <source>Directives to revise</source>
      <translation>Styrdokument att revidera</translation>
    </message>
    <message>
      <source>Every delegated decision has been reported.</source>
      <translation>Alla delegationsbeslut är anmälda.</translation>
    </message>
    <message>
      <source>Every goal has an indicator. Link indicators on the goal page (Edit).</source>
      <translation>Alla mål har en indikator. Koppla indikatorer på målsidan (Redigera).</translation>
    </message>
    <message>
      <source>Every goal has at least one activity in a plan.</source>
      <translation>Alla mål har minst en aktivitet i en plan.</translation>
    </message>
    <message>
      <source>Every unit and provider has reported for the period.</source>
      <translation>Alla enheter och utförare har rapporterat för perioden.</translation>
    </message>
    <message>
      <source>Goal area</source>
      <translation>Målområde</translation>
    </message>
    <message>
      <source>Goal fulfilment per goal area</source>
      <translation>Måluppfyllelse per målområde</translation>
    </message>
    <message>
      <source>Goals not met</source>
      <translation>Mål som inte är uppfyllda</translation>
    </message>
    <message>
      <source>Goals without activities</source>
      <translation>Mål utan aktiviteter</translation>
    </message>
    <message>
      <source>Goals without indicators</source>
      <translation>Mål utan indikatorer</translation>
    </message>
    <message>
      <source>Next in the annual cycle</source>
      <translation>Närmast i årshjulet</translation>
    </message>
    <message>
      <source>No adopted document is due for review within 90 days.</source>
      <translation>Inget fastställt dokument ska revideras inom 90 dagar.</translation>
    </message>
    <message>
      <source>No goal is assessed as not met in the period.</source>
      <translation>Inget mål är bedömt som ej uppfyllt för perioden.</translation>
    </message>
    <message>
      <source>Nothing planned ahead. Add milestones on the Annual cycle page.</source>
      <translation>Inget inplanerat framåt. Lägg till händelser på sidan Årshjul.</translation>
    </message>
    <message>
      <source>Overview</source>
      <translation>Översikt</translation>
    </message>
    <message>
      <source>Providers that have not reported</source>
      <translation>Utförare som inte rapporterat</translation>
    </message>
    <message>
      <source>Whole organisation</source>
      <translation>Hela organisationen</translation>
    </message>
    <message>
      <source>due soon</source>
      <translation>snart</translation>
    </message>
    <message>
      <source>overdue</source>
      <translation>försenad</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>Läser…</translation>
    </message>
  </context>
  <context>
    <name>TaskList</name>
    <message>
      <source>Enter or double-click opens where it is handled</source>
      <translation>Enter eller dubbelklick öppnar där det hanteras</translation>
    </message>
    <message>
      <source>… and %1 more</source>
      <translation>… och %1 till</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Backups are written to %1 (or to Styrkort's data folder when that cannot be written).</source>
      <translation>Säkerhetskopior skrivs till %1 (eller till Styrkorts datamapp när det inte går att skriva där).</translation>
    </message>
    <message>
      <source>Backups to keep per file</source>
      <translation>Antal säkerhetskopior att spara per fil</translation>
    </message>
    <message>
      <source>Default period</source>
      <translation>Förvald period</translation>
    </message>
    <message>
      <source>Default scope</source>
      <translation>Förvald omfattning</translation>
    </message>
    <message>
      <source>Latest year with results</source>
      <translation>Senaste året med utfall</translation>
    </message>
    <message>
      <source>Roll-up rule (this database)</source>
      <translation>Sammanvägningsregel (denna databas)</translation>
    </message>
    <message>
      <source>Whole organisation</source>
      <translation>Hela organisationen</translation>
    </message>
    <message>
      <source>Your name in the change log</source>
      <translation>Ditt namn i ändringsloggen</translation>
    </message>
    <message>
      <source>Weighted share met</source>
      <translation>Viktad andel uppfyllt</translation>
    </message>
    <message>
      <source>Worst underlying status</source>
      <translation>Sämsta underliggande status</translation>
    </message>
  </context>
  <context>
    <name>AnnualCyclePage</name>
    <message>
      <source>Date of the new milestone</source>
      <translation>Datum för den nya händelsen</translation>
    </message>
    <message>
      <source>Kind of the new milestone</source>
      <translation>Slag av ny händelse</translation>
    </message>
  </context>
  <context>
    <name>ProgrammePanel</name>
    <message>
      <source>Programme preview</source>
      <translation>Förhandsvisning av programmet</translation>
    </message>
  </context>
  <context>
    <name>ResultsPanel</name>
    <message>
      <source>Results grid</source>
      <translation>Utfallstabell</translation>
    </message>
  </context>
  <context>
    <name>DirectiveForm</name>
    <message>
      <source>Differences between the versions</source>
      <translation>Skillnader mellan versionerna</translation>
    </message>
    <message>
      <source>Versions</source>
      <translation>Versioner</translation>
    </message>
  </context>
</TS>
