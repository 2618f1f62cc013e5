<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>ErrorDialog</name>
    <message>
      <source>Copied</source>
      <translation>Kopierat</translation>
    </message>
    <message>
      <source>Copy details</source>
      <translation>Kopiera detaljer</translation>
    </message>
    <message>
      <source>Something went wrong</source>
      <translation>Något gick fel</translation>
    </message>
    <message>
      <source>Styrkort ran into an unexpected error: %1

Your work is saved: every change is stored the moment you make it. You can go on working.</source>
      <translation>Styrkort stötte på ett oväntat fel: %1

Ditt arbete är sparat: varje ändring sparas i samma stund som du gör den. Du kan fortsätta arbeta.</translation>
    </message>
    <message>
      <source>The details were written to %1.</source>
      <translation>Detaljerna har skrivits till %1.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Restore from &amp;backup…</source>
      <translation>Återställ från &amp;säkerhetskopia…</translation>
    </message>
  </context>
  <context>
    <name>OpenProblemDialog</name>
    <message>
      <source>Open read-only</source>
      <translation>Öppna skrivskyddad</translation>
    </message>
    <message>
      <source>Restore a backup…</source>
      <translation>Återställ en säkerhetskopia…</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <source>%1 kB</source>
      <translation>%1 kB</translation>
    </message>
    <message>
      <source>Backups kept</source>
      <translation>Antal säkerhetskopior som sparas</translation>
    </message>
    <message>
      <source>Before a restore</source>
      <translation>Före en återställning</translation>
    </message>
    <message>
      <source>Before an import</source>
      <translation>Före en import</translation>
    </message>
    <message>
      <source>Before an upgrade</source>
      <translation>Före en uppgradering</translation>
    </message>
    <message>
      <source>By hand</source>
      <translation>Manuellt</translation>
    </message>
    <message>
      <source>Choose a backup of %1. Before it is restored, a copy of the file as it is now is kept among the backups, so a restore can be undone.</source>
      <translation>Välj en säkerhetskopia av %1. Innan den återställs sparas en kopia av filen som den är nu bland säkerhetskopiorna, så att återställningen kan ångras.</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Datum</translation>
    </message>
    <message>
      <source>First opening of the day</source>
      <translation>Första öppningen för dagen</translation>
    </message>
    <message>
      <source>Made</source>
      <translation>Tillfälle</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Återställ</translation>
    </message>
    <message>
      <source>Restore from backup</source>
      <translation>Återställ från säkerhetskopia</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Storlek</translation>
    </message>
    <message>
      <source>There are no backups of this file yet.</source>
      <translation>Det finns inga säkerhetskopior av den här filen ännu.</translation>
    </message>
    <message>
      <source>The file is open read-only, so a backup cannot be restored now.</source>
      <translation>Filen är öppnad skrivskyddad, så en säkerhetskopia kan inte återställas nu.</translation>
    </message>
  </context>
  <context>
    <name>WindowManager</name>
    <message>
      <source>%1 Styrkort does not use its fast journal here; keep the file on your own disk while you work, if you can.</source>
      <translation>%1 Styrkort använder inte sin snabba journal här; lägg helst filen på din egen disk medan du arbetar.</translation>
    </message>
    <message>
      <source>The backup was restored; the file as it was is kept as %1</source>
      <translation>Säkerhetskopian är återställd; filen som den var sparas som %1</translation>
    </message>
  </context>
</TS>
