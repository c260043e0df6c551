; Inno Setup 6 script: a per-user install of Planner that needs no administrator.
;
; Build on Windows after the PyInstaller one-folder build (from the checkout):
;   pyinstaller --noconfirm installers\pyinstaller\planner-app.spec
;   iscc installers\windows\planner-app.iss
; The installer lands in dist\. With PrivilegesRequired=lowest, {autopf} is the user's
; %LOCALAPPDATA%\Programs, {autoprograms} the user's Start menu and HKA the user's
; registry hive (HKCU): nothing outside the user's profile is written.
; tests/test_installers.py checks that the paths named here exist in a build.

#define AppName "Planner"
#define AppVersion "0.1.0"
#define AppPublisher "Planner contributors"
#define AppExeName "planner-app.exe"
#define AssocExt ".plan"
#define AssocKey "Planner.plan"
#define AssocName "Planner plan"

[Setup]
AppId={{6C0F1E2A-5B7D-4E43-9D7B-2F6A1C8E9B41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=planner-app-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\planner-app.ico
UninstallDisplayIcon={app}\{#AppExeName}
LicenseFile=..\..\LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
Source: "..\..\dist\planner-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
Root: HKA; Subkey: "Software\Classes\{#AssocExt}\OpenWithProgids"; ValueType: string; ValueName: "{#AssocKey}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AssocKey}"; ValueType: string; ValueName: ""; ValueData: "{#AssocName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AssocKey}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#AssocKey}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
