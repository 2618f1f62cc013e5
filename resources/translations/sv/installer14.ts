<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>FirstStartDialog</name>
    <message>
      <source>&lt;h3&gt;Welcome to Styrkort&lt;/h3&gt;&lt;p&gt;What would you like to open? You can open another file or create a new one later in the File menu.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;Välkommen till Styrkort&lt;/h3&gt;&lt;p&gt;Vad vill du öppna? Du kan öppna en annan fil eller skapa en ny senare i menyn Arkiv.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>A Styrkort database you or a colleague already has.</source>
      <translation>En Styrkort-databas som du eller en kollega redan har.</translation>
    </message>
    <message>
      <source>Create a new database from your goals in a spreadsheet.</source>
      <translation>Skapa en ny databas från era mål i ett kalkylblad.</translation>
    </message>
    <message>
      <source>Create an empty database…</source>
      <translation>Skapa en tom databas…</translation>
    </message>
    <message>
      <source>Exempelregionen: goals, organisation, indicators and results to try everything with.</source>
      <translation>Exempelregionen: mål, organisation, indikatorer och utfall att prova allt med.</translation>
    </message>
    <message>
      <source>Goal matrix to import</source>
      <translation>Målmatris att importera</translation>
    </message>
    <message>
      <source>Import a goal matrix from Excel…</source>
      <translation>Importera en målmatris från Excel…</translation>
    </message>
    <message>
      <source>New database</source>
      <translation>Ny databas</translation>
    </message>
    <message>
      <source>Open an existing file…</source>
      <translation>Öppna en befintlig fil…</translation>
    </message>
    <message>
      <source>Open database</source>
      <translation>Öppna databas</translation>
    </message>
    <message>
      <source>Open the demo region</source>
      <translation>Öppna demoregionen</translation>
    </message>
    <message>
      <source>Save the new database as</source>
      <translation>Spara den nya databasen som</translation>
    </message>
    <message>
      <source>Start your own region or municipality from scratch.</source>
      <translation>Börja från början med er egen region eller kommun.</translation>
    </message>
    <message>
      <source>Welcome to Styrkort</source>
      <translation>Välkommen till Styrkort</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&lt;h3&gt;Styrkort %1&lt;/h3&gt;&lt;p&gt;Goals, follow-up and directives for Swedish regions and municipalities.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;Styrkort %1&lt;/h3&gt;&lt;p&gt;Mål, uppföljning och styrdokument för regioner och kommuner.&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>WindowManager</name>
    <message>
      <source>%1 is damaged (%2). Do not go on working in it: restore a backup with File ▸ Restore from backup, or save a copy and ask for help.</source>
      <translation>%1 är skadad (%2). Arbeta inte vidare i den: återställ en säkerhetskopia med Arkiv ▸ Återställ från säkerhetskopia, eller spara en kopia och be om hjälp.</translation>
    </message>
  </context>
</TS>
