<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>ImportDialog</name>
    <message>
      <source>Change existing goals, units and indicators</source>
      <translation>Ändra befintliga mål, enheter och indikatorer</translation>
    </message>
    <message>
      <source>Decided per column from its cells</source>
      <translation>Avgörs per kolumn av dess celler</translation>
    </message>
    <message>
      <source>Decimal comma (1 234,5)</source>
      <translation>Decimalkomma (1 234,5)</translation>
    </message>
    <message>
      <source>Decimal point (1,234.5)</source>
      <translation>Decimalpunkt (1,234.5)</translation>
    </message>
    <message>
      <source>Decimal sign:</source>
      <translation>Decimaltecken:</translation>
    </message>
    <message>
      <source>Empty cells clear stored values</source>
      <translation>Tomma celler tömmer värden</translation>
    </message>
    <message>
      <source>Import into closed periods (flagged late)</source>
      <translation>Importera till stängda perioder (markeras sena)</translation>
    </message>
  </context>
</TS>
