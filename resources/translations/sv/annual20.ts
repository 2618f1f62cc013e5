<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>AnnualPage</name>
    <message>
      <source>Annual cycle</source>
      <translation>Delår och årsredovisning</translation>
    </message>
    <message>
      <source>Assignments</source>
      <translation>Uppdrag</translation>
    </message>
    <message>
      <source>Finances</source>
      <translation>Ekonomi</translation>
    </message>
    <message>
      <source>Internal control</source>
      <translation>Internkontroll</translation>
    </message>
    <message>
      <source>Reports</source>
      <translation>Rapporter</translation>
    </message>
  </context>
  <context>
    <name>AssignmentDialog</name>
    <message>
      <source>Assignment</source>
      <translation>Uppdrag</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Kod</translation>
    </message>
    <message>
      <source>Committee</source>
      <translation>Nämnd</translation>
    </message>
    <message>
      <source>Decided</source>
      <translation>Beslutat</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Beslut</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Beskrivning</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Klart senast</translation>
    </message>
    <message>
      <source>Give the assignment a code.</source>
      <translation>Ge uppdraget en kod.</translation>
    </message>
    <message>
      <source>New assignment</source>
      <translation>Nytt uppdrag</translation>
    </message>
    <message>
      <source>Say what the assignment is.</source>
      <translation>Skriv vad uppdraget gäller.</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Källa</translation>
    </message>
    <message>
      <source>e.g. Council 2026-06-16 § 85</source>
      <translation>t.ex. KF 2026-06-16 § 85</translation>
    </message>
  </context>
  <context>
    <name>AssignmentPanel</name>
    <message>
      <source>Assignment</source>
      <translation>Uppdrag</translation>
    </message>
    <message>
      <source>Assignments</source>
      <translation>Uppdrag</translation>
    </message>
    <message>
      <source>Choose an assignment first.</source>
      <translation>Välj ett uppdrag först.</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Kod</translation>
    </message>
    <message>
      <source>Comment</source>
      <translation>Kommentar</translation>
    </message>
    <message>
      <source>Committee</source>
      <translation>Nämnd</translation>
    </message>
    <message>
      <source>Delete assignment</source>
      <translation>Ta bort uppdrag</translation>
    </message>
    <message>
      <source>Delete the assignment %1 %2 with its reported statuses?</source>
      <translation>Ta bort uppdraget %1 %2 med dess rapporterade status?</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Klart senast</translation>
    </message>
    <message>
      <source>New assignment…</source>
      <translation>Nytt uppdrag…</translation>
    </message>
    <message>
      <source>No assignments yet – add the ones fullmäktige or the styrelse gave with New assignment…</source>
      <translation>Inga uppdrag ännu – lägg in dem som fullmäktige eller styrelsen gett med Nytt uppdrag…</translation>
    </message>
    <message>
      <source>Report status…</source>
      <translation>Rapportera status…</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Status as reported up to</source>
      <translation>Status rapporterad till och med</translation>
    </message>
    <message>
      <source>overdue</source>
      <translation>försenat</translation>
    </message>
  </context>
  <context>
    <name>ControlPanel</name>
    <message>
      <source>%1 (%2): %3 of %4 controls done, %5 with deviation.</source>
      <translation>%1 (%2): %3 av %4 kontrollmoment genomförda, %5 med avvikelse.</translation>
    </message>
    <message>
      <source>%1 risks</source>
      <translation>%1 risker</translation>
    </message>
    <message>
      <source>Choose a control first.</source>
      <translation>Välj ett kontrollmoment först.</translation>
    </message>
    <message>
      <source>Consequence %1</source>
      <translation>Konsekvens %1</translation>
    </message>
    <message>
      <source>Control</source>
      <translation>Kontrollmoment</translation>
    </message>
    <message>
      <source>Controls</source>
      <translation>Kontrollmoment</translation>
    </message>
    <message>
      <source>Deviation: </source>
      <translation>Avvikelse: </translation>
    </message>
    <message>
      <source>Frequency</source>
      <translation>Frekvens</translation>
    </message>
    <message>
      <source>Likelihood %1</source>
      <translation>Sannolikhet %1</translation>
    </message>
    <message>
      <source>New risk…</source>
      <translation>Ny risk…</translation>
    </message>
    <message>
      <source>No deviation</source>
      <translation>Utan avvikelse</translation>
    </message>
    <message>
      <source>No internal control plan yet.</source>
      <translation>Ingen internkontrollplan ännu.</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>Record result…</source>
      <translation>Registrera resultat…</translation>
    </message>
    <message>
      <source>Responsible</source>
      <translation>Ansvarig</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Resultat</translation>
    </message>
    <message>
      <source>Risk</source>
      <translation>Risk</translation>
    </message>
    <message>
      <source>Risk matrix</source>
      <translation>Riskmatris</translation>
    </message>
    <message>
      <source>Risk matrix: likelihood × consequence</source>
      <translation>Riskmatris: sannolikhet × konsekvens</translation>
    </message>
    <message>
      <source>Risk value</source>
      <translation>Riskvärde</translation>
    </message>
    <message>
      <source>adopted</source>
      <translation>fastställd</translation>
    </message>
    <message>
      <source>not adopted</source>
      <translation>ej fastställd</translation>
    </message>
    <message numerus="yes">
      <source>%n risks</source>
      <translation>
        <numerusform>%n risk</numerusform>
        <numerusform>%n risker</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>FinancePanel</name>
    <message>
      <source>
… and %1 more</source>
      <translation>
… och %1 till</translation>
    </message>
    <message>
      <source>%1 is not a number.</source>
      <translation>%1 är inget tal.</translation>
    </message>
    <message>
      <source>Amounts in tkr, net costs; deviation = budget − forecast (positive: a surplus). Outcome is cumulative from 1 January.</source>
      <translation>Belopp i tkr, nettokostnader; avvikelse = budget − prognos (positiv: ett överskott). Utfallet är ackumulerat från 1 januari.</translation>
    </message>
    <message>
      <source>Balance requirement</source>
      <translation>Balanskrav</translation>
    </message>
    <message>
      <source>Balance requirement (KL 11 kap.)</source>
      <translation>Balanskravsutredning (KL 11 kap.)</translation>
    </message>
    <message>
      <source>Budget</source>
      <translation>Budget</translation>
    </message>
    <message>
      <source>Budget, outcome and forecast</source>
      <translation>Budget, utfall och prognos</translation>
    </message>
    <message>
      <source>Deviation</source>
      <translation>Avvikelse</translation>
    </message>
    <message>
      <source>Forecast</source>
      <translation>Prognos</translation>
    </message>
    <message>
      <source>Import from the finance system</source>
      <translation>Importera från ekonomisystemet</translation>
    </message>
    <message>
      <source>Import from the finance system…</source>
      <translation>Importera från ekonomisystemet…</translation>
    </message>
    <message>
      <source>Import these amounts?</source>
      <translation>Importera de här beloppen?</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Slag</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>Rad</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>Utfall</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Spreadsheets (*.xlsx *.xlsm *.ods *.csv)</source>
      <translation>Kalkylblad (*.xlsx *.xlsm *.ods *.csv)</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Totalt</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Enhet</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>År</translation>
    </message>
    <message>
      <source>mnkr</source>
      <translation>mnkr</translation>
    </message>
    <message>
      <source>Budget, forecast and outcome per unit</source>
      <translation>Budget, prognos och utfall per enhet</translation>
    </message>
    <message>
      <source>Deviation from budget through the year</source>
      <translation>Budgetavvikelse under året</translation>
    </message>
  </context>
  <context>
    <name>ReportPanel</name>
    <message>
      <source>%1 texts saved.</source>
      <translation>%1 texter sparade.</translation>
    </message>
    <message>
      <source>%1 written: %2 pages.</source>
      <translation>%1 skriven: %2 sidor.</translation>
    </message>
    <message>
      <source>Annual report</source>
      <translation>Årsredovisning</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Avbryt</translation>
    </message>
    <message>
      <source>Edit report texts</source>
      <translation>Ändra rapporttexter</translation>
    </message>
    <message>
      <source>For</source>
      <translation>För</translation>
    </message>
    <message>
      <source>Interim report</source>
      <translation>Delårsrapport</translation>
    </message>
    <message>
      <source>No changes to save.</source>
      <translation>Inga ändringar att spara.</translation>
    </message>
    <message>
      <source>PDF (*.pdf);;Word (*.docx)</source>
      <translation>PDF (*.pdf);;Word (*.docx)</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <source>Save texts</source>
      <translation>Spara texterna</translation>
    </message>
    <message>
      <source>The report takes goal fulfilment, finances, staff by gender, assignments and internal control from the database; write the texts below for the chosen scope and period. The whole organisation's report gathers each committee's own sections and keeps their analysis apart.</source>
      <translation>Rapporten hämtar måluppfyllelse, ekonomi, personal per kön, uppdrag och internkontroll ur databasen; skriv texterna nedan för vald nivå och period. Hela organisationens rapport samlar varje nämnds egna avsnitt och håller deras analyser isär.</translation>
    </message>
    <message>
      <source>Write report</source>
      <translation>Skriv rapport</translation>
    </message>
    <message>
      <source>Write report…</source>
      <translation>Skriv rapport…</translation>
    </message>
    <message>
      <source>Writing the report…</source>
      <translation>Skriver rapporten…</translation>
    </message>
    <message numerus="yes">
      <source>%n texts saved.</source>
      <translation>
        <numerusform>%n text sparad.</numerusform>
        <numerusform>%n texter sparade.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ResultDialog</name>
    <message>
      <source>Actions</source>
      <translation>Åtgärder</translation>
    </message>
    <message>
      <source>Control result</source>
      <translation>Kontrollresultat</translation>
    </message>
    <message>
      <source>Describe the deviation.</source>
      <translation>Beskriv avvikelsen.</translation>
    </message>
    <message>
      <source>Deviation found</source>
      <translation>Avvikelse hittad</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>Iakttagelse</translation>
    </message>
  </context>
  <context>
    <name>RiskDialog</name>
    <message>
      <source>Consequence (1–4)</source>
      <translation>Konsekvens (1–4)</translation>
    </message>
    <message>
      <source>Control</source>
      <translation>Kontrollmoment</translation>
    </message>
    <message>
      <source>Describe the risk.</source>
      <translation>Beskriv risken.</translation>
    </message>
    <message>
      <source>Frequency</source>
      <translation>Frekvens</translation>
    </message>
    <message>
      <source>Likelihood (1–4)</source>
      <translation>Sannolikhet (1–4)</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>Metod</translation>
    </message>
    <message>
      <source>New risk</source>
      <translation>Ny risk</translation>
    </message>
    <message>
      <source>Responsible</source>
      <translation>Ansvarig</translation>
    </message>
    <message>
      <source>Risk</source>
      <translation>Risk</translation>
    </message>
  </context>
  <context>
    <name>StatusDialog</name>
    <message>
      <source>Comment</source>
      <translation>Kommentar</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Status %1</source>
      <translation>Status %1</translation>
    </message>
  </context>
  <context>
    <name>AnnualCommands</name>
    <message>
      <source>New assignment</source>
      <translation>Nytt uppdrag</translation>
    </message>
    <message>
      <source>Edit assignment</source>
      <translation>Ändra uppdrag</translation>
    </message>
    <message>
      <source>Delete assignment</source>
      <translation>Ta bort uppdrag</translation>
    </message>
    <message>
      <source>Report assignment status</source>
      <translation>Rapportera uppdragets status</translation>
    </message>
    <message>
      <source>Edit report text</source>
      <translation>Ändra rapporttext</translation>
    </message>
    <message>
      <source>Edit balance requirement</source>
      <translation>Ändra balanskravsutredningen</translation>
    </message>
    <message>
      <source>Import finances</source>
      <translation>Importera ekonomi</translation>
    </message>
    <message>
      <source>New risk</source>
      <translation>Ny risk</translation>
    </message>
    <message>
      <source>Record control result</source>
      <translation>Registrera kontrollresultat</translation>
    </message>
  </context>
  <context>
    <name>FirstStartDialog</name>
    <message>
      <source>Open the demo municipality</source>
      <translation>Öppna demokommunen</translation>
    </message>
    <message>
      <source>Exempelkommunen: schools, elderly care and social services, in egen regi and by providers.</source>
      <translation>Exempelkommunen: skolor, äldreomsorg och individ- och familjeomsorg, i egen regi och hos utförare.</translation>
    </message>
  </context>
  <context>
    <name>OverviewPage</name>
    <message>
      <source>Overdue assignments</source>
      <translation>Försenade uppdrag</translation>
    </message>
    <message>
      <source>No assignment from the council or the board is past its due date.</source>
      <translation>Inget uppdrag från fullmäktige eller styrelsen är försenat.</translation>
    </message>
  </context>
</TS>
