<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>DetailPanel</name>
    <message numerus="yes">
      <source>%n assessment(s)</source>
      <translation>
        <numerusform>%n bedömning</numerusform>
        <numerusform>%n bedömningar</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n sub-goal(s)</source>
      <translation>
        <numerusform>%n underliggande mål</numerusform>
        <numerusform>%n underliggande mål</numerusform>
      </translation>
    </message>
    <message>
      <source>Beneath</source>
      <translation>Under detta</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Kod</translation>
    </message>
    <message>
      <source>Contract</source>
      <translation>Avtal</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Beskrivning</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Detaljer</translation>
    </message>
    <message>
      <source>External ids</source>
      <translation>Externa id</translation>
    </message>
    <message>
      <source>Goals owned</source>
      <translation>Ägda mål</translation>
    </message>
    <message>
      <source>Horizon</source>
      <translation>Tidshorisont</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Indicators</source>
      <translation>Indikatorer</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Typ</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>Nivå</translation>
    </message>
    <message>
      <source>No indicators are linked to this goal.</source>
      <translation>Inga indikatorer är kopplade till målet.</translation>
    </message>
    <message>
      <source>Organisation number</source>
      <translation>Organisationsnummer</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Ägare</translation>
    </message>
    <message>
      <source>Part of</source>
      <translation>Del av</translation>
    </message>
    <message>
      <source>Provider</source>
      <translation>Utförare</translation>
    </message>
    <message>
      <source>Provider type</source>
      <translation>Regiform</translation>
    </message>
    <message>
      <source>Select a goal or a unit to see its details.</source>
      <translation>Välj ett mål eller en enhet för att se detaljer.</translation>
    </message>
    <message>
      <source>Service area</source>
      <translation>Verksamhetsområde</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Enhet</translation>
    </message>
    <message>
      <source>Years</source>
      <translation>År</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;About Styrkort</source>
      <translation>&amp;Om Styrkort</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Redigera</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Arkiv</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Hjälp</translation>
    </message>
    <message>
      <source>&amp;New database…</source>
      <translation>&amp;Ny databas…</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>&amp;Öppna…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Avsluta</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Gör om</translation>
    </message>
    <message>
      <source>&amp;Settings…</source>
      <translation>&amp;Inställningar…</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>Å&amp;ngra</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Visa</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>(inga)</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Styrkort %1&lt;/h3&gt;&lt;p&gt;Goals, follow-up and directives for Swedish regions and municipalities.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
      <translation>&lt;h3&gt;Styrkort %1&lt;/h3&gt;&lt;p&gt;Mål, uppföljning och styrdokument för regioner och kommuner.&lt;/p&gt;&lt;p&gt;Databas: %2&lt;/p&gt;</translation>
    </message>
    <message>
      <source>A copy was saved as %1</source>
      <translation>En kopia sparades som %1</translation>
    </message>
    <message>
      <source>About Styrkort</source>
      <translation>Om Styrkort</translation>
    </message>
    <message>
      <source>Choose another file than the open one.</source>
      <translation>Välj en annan fil än den som är öppen.</translation>
    </message>
    <message>
      <source>New database</source>
      <translation>Ny databas</translation>
    </message>
    <message>
      <source>Open &amp;recent</source>
      <translation>Öppna &amp;senaste</translation>
    </message>
    <message>
      <source>Open database</source>
      <translation>Öppna databas</translation>
    </message>
    <message>
      <source>Ready</source>
      <translation>Klar</translation>
    </message>
    <message>
      <source>Save a &amp;copy as…</source>
      <translation>Spara en &amp;kopia som…</translation>
    </message>
    <message>
      <source>Save a copy as</source>
      <translation>Spara en kopia som</translation>
    </message>
    <message>
      <source>The copy could not be saved: %1</source>
      <translation>Kopian kunde inte sparas: %1</translation>
    </message>
    <message>
      <source>The database was upgraded; a backup was saved as %1</source>
      <translation>Databasen uppgraderades; en säkerhetskopia sparades som %1</translation>
    </message>
    <message>
      <source>read-only</source>
      <translation>skrivskyddad</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>A new language is used the next time Styrkort starts.</source>
      <translation>Det nya språket används nästa gång Styrkort startar.</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Språk</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Inställningar</translation>
    </message>
  </context>
  <context>
    <name>StructurePage</name>
    <message>
      <source>Goal hierarchy</source>
      <translation>Målhierarki</translation>
    </message>
    <message>
      <source>Goals</source>
      <translation>Mål</translation>
    </message>
    <message>
      <source>Goals and organisation</source>
      <translation>Mål och organisation</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisation</translation>
    </message>
  </context>
</TS>
