; Inno Setup 6 script: a per-user installer for Styrkort on Windows (no administrator rights).
; Build the bundle first (pyinstaller --noconfirm --distpath dist installer\styrkort.spec), then:
;   iscc /DAppVersion=0.1.0 installer\windows\styrkort.iss
; Output: dist\styrkort-<version>-windows-x64-setup.exe. NOT run on this project's machines (Linux):
; see installer/README.md for what is and is not verified.
;
; The program goes to %LOCALAPPDATA%\Programs\Styrkort; the databases live elsewhere
; (%LOCALAPPDATA%\Styrkort, or wherever the planner saved them) and uninstalling never removes them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define SwedishMessages AddBackslash(CompilerPath) + "Languages\Swedish.isl"

[Setup]
AppId={{6B0E3F7C-3A55-4C3E-9D0A-5F1C2B7A9E41}
AppName=Styrkort
AppVersion={#AppVersion}
AppVerName=Styrkort {#AppVersion}
AppPublisher=Styrkort
DefaultDirName={autopf}\Styrkort
DefaultGroupName=Styrkort
DisableProgramGroupPage=yes
; Per user: {autopf} is %LOCALAPPDATA%\Programs and registry entries go to HKCU. No UAC prompt.
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=styrkort-{#AppVersion}-windows-x64-setup
SetupIconFile=styrkort.ico
UninstallDisplayIcon={app}\styrkort.exe
UninstallDisplayName=Styrkort
ChangesAssociations=yes
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(SwedishMessages)
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\styrkort\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Styrkort"; Filename: "{app}\styrkort.exe"
Name: "{autodesktop}\Styrkort"; Filename: "{app}\styrkort.exe"; Tasks: desktopicon

[Registry]
; .styrkort files open in Styrkort (HKA is HKCU for a per-user install). Removed on uninstall.
Root: HKA; Subkey: "Software\Classes\.styrkort"; ValueType: string; ValueName: ""; ValueData: "Styrkort.Database"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Styrkort.Database"; ValueType: string; ValueName: ""; ValueData: "Styrkort-databas"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Styrkort.Database\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\styrkort.exe,0"
Root: HKA; Subkey: "Software\Classes\Styrkort.Database\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\styrkort.exe"" ""%1"""

[Run]
Filename: "{app}\styrkort.exe"; Description: "{cm:LaunchProgram,Styrkort}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: only the files installed above are removed; databases, backups and
; settings stay.
