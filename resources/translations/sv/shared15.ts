<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Connect to the &amp;regional database…</source>
      <translation>Anslut till &amp;regionens databas…</translation>
    </message>
    <message>
      <source>full access</source>
      <translation>full behörighet</translation>
    </message>
    <message>
      <source>planner</source>
      <translation>planerare</translation>
    </message>
    <message>
      <source>committee secretary</source>
      <translation>nämndsekreterare</translation>
    </message>
    <message>
      <source>reporter</source>
      <translation>rapportör</translation>
    </message>
    <message>
      <source>auditor (read only)</source>
      <translation>granskare (endast läsa)</translation>
    </message>
    <message>
      <source>Role: %1</source>
      <translation>Roll: %1</translation>
    </message>
    <message>
      <source>Cop&amp;y the database to…</source>
      <translation>Kop&amp;iera databasen till…</translation>
    </message>
  </context>
  <context>
    <name>ConnectDialog</name>
    <message>
      <source>Connect to the regional database</source>
      <translation>Anslut till regionens databas</translation>
    </message>
    <message>
      <source>The address your IT department gave you: postgresql://user@server[:port]/database. Your database user decides what you may change.</source>
      <translation>Adressen som IT-avdelningen gav dig: postgresql://användare@server[:port]/databas. Din databasanvändare avgör vad du får ändra.</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Adress</translation>
    </message>
    <message>
      <source>Connect</source>
      <translation>Anslut</translation>
    </message>
    <message>
      <source>Write an address that starts with postgresql://</source>
      <translation>Skriv en adress som börjar med postgresql://</translation>
    </message>
  </context>
  <context>
    <name>CopyDialog</name>
    <message>
      <source>Copy the database</source>
      <translation>Kopiera databasen</translation>
    </message>
    <message>
      <source>File…</source>
      <translation>Fil…</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Från</translation>
    </message>
    <message>
      <source>To (new or empty)</source>
      <translation>Till (ny eller tom)</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>Kopiera</translation>
    </message>
    <message>
      <source>Copy to file</source>
      <translation>Kopiera till fil</translation>
    </message>
    <message>
      <source>Give a file or an address postgresql://…</source>
      <translation>Ange en fil eller en adress postgresql://…</translation>
    </message>
    <message>
      <source>Copying…</source>
      <translation>Kopierar…</translation>
    </message>
    <message>
      <source>%1 rows copied and checked table by table.</source>
      <translation>%1 rader kopierade och kontrollerade tabell för tabell.</translation>
    </message>
  </context>
  <context>
    <name>ResultConflictBar</name>
    <message>
      <source>Keep theirs</source>
      <translation>Behåll deras</translation>
    </message>
    <message>
      <source>Save mine on top</source>
      <translation>Spara min ovanpå</translation>
    </message>
  </context>
</TS>
