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
</TS>
