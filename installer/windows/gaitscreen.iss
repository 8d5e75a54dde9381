; Inno Setup script: GaitScreen for Windows (64-bit), from the PyInstaller folder.
;
;   python installer\build.py build            (gives dist\GaitScreen\ and a .zip)
;   iscc installer\windows\gaitscreen.iss      (gives dist\GaitScreen-<version>-setup.exe)
;
; Options: /DVariant=cpu for the CPU-only build, /DDistDir=<folder> when the build
; went elsewhere. Installs to Program Files (per machine; per user when chosen in the
; dialog), with Start-menu entries for the application and for the self-test.
; User data is never written into the installation folder: studies live in
; Documents\GaitScreen, caches in %LOCALAPPDATA%\GaitScreen.

#define AppName "GaitScreen"
#define AppVersion "0.1.0"
#ifndef DistDir
  #define DistDir "..\..\dist"
#endif
#ifndef Variant
  #define Variant "default"
#endif
#if Variant == "cpu"
  #define Suffix "-cpu"
#else
  #define Suffix ""
#endif

[Setup]
AppId={{6E5B3C2A-8F4D-4B7E-9C1A-2D7F0E4A9B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=GaitScreen developers
AppComments=Sarcopenia risk screening from a video of tandem walking. Not a medical device.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\resources\icons\gaitscreen.ico
UninstallDisplayIcon={app}\{#AppName}.exe
OutputDir={#DistDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup{#Suffix}
Compression=lzma2/normal
SolidCompression=no
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\{#AppName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppName}.exe"; WorkingDir: "{userdocs}"
Name: "{group}\{#AppName} self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\gaitscreen-cli.exe"" --self-test"; WorkingDir: "{userdocs}"; IconFilename: "{app}\{#AppName}.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppName}.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppName}.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
