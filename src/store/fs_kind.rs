//! Which kind of filesystem holds the database: `storage.mode = "auto"` uses shared mode on a network one
//! (DESIGN.md §4), because WAL's shared memory only works between processes on one host.

use super::StorageMode;
use std::path::Path;

/// What [`detect`] found out about the filesystem under a database file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsKind {
    Local,
    /// A network or cluster filesystem, by name (`nfs`, `smb2`, `fuse` …).
    Network(String),
    /// The filesystem could not be asked (missing directory, unsupported platform).
    Unknown,
}

impl FsKind {
    /// The mode `auto` picks: shared on a network filesystem, local otherwise. Unknown counts as local so a
    /// platform without detection behaves as before; `storage.mode = "shared"` covers the rest.
    pub fn auto_mode(&self) -> StorageMode {
        match self {
            FsKind::Network(_) => StorageMode::Shared,
            FsKind::Local | FsKind::Unknown => StorageMode::Local,
        }
    }
}

impl std::fmt::Display for FsKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FsKind::Local => f.write_str("a local disk"),
            FsKind::Network(name) => write!(f, "a network filesystem ({name})"),
            FsKind::Unknown => f.write_str("an unknown filesystem"),
        }
    }
}

/// The filesystem of the directory that holds (or will hold) the database file at `db`.
pub fn detect(db: &Path) -> FsKind {
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    platform::detect_dir(dir)
}

/// Linux `statfs(2)` `f_type` magic numbers of network and cluster filesystems (linux/magic.h and the
/// filesystems' own headers). FUSE counts as network: sshfs, GlusterFS and rclone mounts are FUSE, and shared
/// mode is merely slower on a local FUSE disk, while WAL on a remote one corrupts.
pub fn network_fs_name(magic: u32) -> Option<&'static str> {
    Some(match magic {
        0x0000_6969 => "nfs",
        0x0000_517B => "smb",
        0xFF53_4D42 => "cifs",
        0xFE53_4D42 => "smb2",
        0x6573_5546 => "fuse",
        0x0102_1997 => "9p",
        0x00C3_6400 => "ceph",
        0x5346_414F => "afs",
        0x6B41_4653 => "kafs",
        0x7375_7245 => "coda",
        0x7461_636F => "ocfs2",
        0x0116_1970 => "gfs2",
        0x0BD0_0BD0 => "lustre",
        0x0000_564C => "ncp",
        0x4750_4653 => "gpfs",
        0x1983_0326 => "beegfs",
        0x2003_0528 => "orangefs",
        _ => return None,
    })
}

/// How a Windows path names its volume; a pure function so every platform tests it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowsRoot {
    /// `\\server\share\…`, `//server/share/…` or `\\?\UNC\server\share\…`: always remote.
    Unc,
    /// `C:\…` or `\\?\C:\…`: local or a mapped network drive, which only the OS can say.
    Drive(char),
    /// Relative paths and device namespaces (`\\.\…`).
    Other,
}

pub fn windows_root(path: &str) -> WindowsRoot {
    let sep = |c: char| c == '\\' || c == '/';
    let drive = |s: &str| {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(letter), Some(':')) if letter.is_ascii_alphabetic() => {
                WindowsRoot::Drive(letter.to_ascii_uppercase())
            }
            _ => WindowsRoot::Other,
        }
    };
    if let Some(rest) = path
        .strip_prefix(r"\\?\")
        .or_else(|| path.strip_prefix("//?/"))
    {
        let unc = rest
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("UNC\\"));
        return if unc { WindowsRoot::Unc } else { drive(rest) };
    }
    let mut chars = path.chars();
    if let (Some(a), Some(b)) = (chars.next(), chars.next())
        && sep(a)
        && sep(b)
    {
        // `\\.\` is the device namespace; `\\server\share` needs a server name.
        let rest: String = chars.collect();
        let server = rest.split(sep).next().unwrap_or_default();
        return if server.is_empty() || server == "." || server == "?" {
            WindowsRoot::Other
        } else {
            WindowsRoot::Unc
        };
    }
    drive(path)
}

#[cfg(target_os = "linux")]
mod platform {
    use super::{FsKind, network_fs_name};
    use std::path::Path;

    pub fn detect_dir(dir: &Path) -> FsKind {
        let Ok(st) = rustix::fs::statfs(dir) else {
            return FsKind::Unknown;
        };
        // f_type's C type differs between targets; the magic numbers are all 32-bit.
        #[allow(clippy::unnecessary_cast)]
        let magic = st.f_type as u32;
        match network_fs_name(magic) {
            Some(name) => FsKind::Network(name.to_string()),
            None => FsKind::Local,
        }
    }
}

#[cfg(target_os = "macos")]
mod platform {
    use super::FsKind;
    use std::path::Path;

    /// `MNT_LOCAL` from <sys/mount.h>: the filesystem is stored locally.
    const MNT_LOCAL: u32 = 0x0000_1000;

    pub fn detect_dir(dir: &Path) -> FsKind {
        // On Apple targets rustix's StatFs is libc's `struct statfs`, with f_flags and f_fstypename.
        let Ok(st) = rustix::fs::statfs(dir) else {
            return FsKind::Unknown;
        };
        if st.f_flags & MNT_LOCAL != 0 {
            return FsKind::Local;
        }
        let name: Vec<u8> = st
            .f_fstypename
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        FsKind::Network(String::from_utf8_lossy(&name).into_owned())
    }
}

#[cfg(windows)]
mod platform {
    use super::{FsKind, WindowsRoot, windows_root};
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;

    const DRIVE_REMOTE: u32 = 4;

    // The one unsafe block in desk. GetDriveTypeW only reads a NUL-terminated UTF-16 path and returns a number;
    // no crate offers a safe wrapper short of a large dependency, and windows-sys would declare this same
    // extern function and need the same unsafe call.
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetDriveTypeW(root_path_name: *const u16) -> u32;
    }

    pub fn detect_dir(dir: &Path) -> FsKind {
        // Absolute first: a relative path says nothing about its volume.
        let Ok(abs) = std::fs::canonicalize(dir) else {
            return FsKind::Unknown;
        };
        match windows_root(&abs.to_string_lossy()) {
            WindowsRoot::Unc => FsKind::Network("unc".into()),
            WindowsRoot::Drive(letter) => {
                let root: Vec<u16> = std::ffi::OsStr::new(&format!("{letter}:\\"))
                    .encode_wide()
                    .chain(Some(0))
                    .collect();
                // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call, and GetDriveTypeW
                // only reads it (it keeps no pointer and writes nothing); the declaration above matches
                // kernel32's `UINT GetDriveTypeW(LPCWSTR)` (UINT is u32, LPCWSTR a pointer to u16).
                if unsafe { GetDriveTypeW(root.as_ptr()) } == DRIVE_REMOTE {
                    FsKind::Network("network drive".into())
                } else {
                    FsKind::Local
                }
            }
            WindowsRoot::Other => FsKind::Unknown,
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
mod platform {
    use super::FsKind;
    use std::path::Path;

    /// No detection here: `auto` means local; set `storage.mode = "shared"` for a share.
    pub fn detect_dir(_dir: &Path) -> FsKind {
        FsKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_magics_have_names_and_local_ones_do_not() {
        assert_eq!(network_fs_name(0x6969), Some("nfs"));
        assert_eq!(network_fs_name(0x517B), Some("smb"));
        assert_eq!(network_fs_name(0xFF53_4D42), Some("cifs"));
        assert_eq!(network_fs_name(0xFE53_4D42), Some("smb2"));
        assert_eq!(network_fs_name(0x6573_5546), Some("fuse"));
        assert_eq!(network_fs_name(0x0102_1997), Some("9p"));
        assert_eq!(network_fs_name(0x00C3_6400), Some("ceph"));
        assert_eq!(network_fs_name(0x5346_414F), Some("afs"));
        // ext4, xfs, btrfs, tmpfs, overlayfs, zfs: local disks.
        for local in [
            0xEF53,
            0x5846_5342,
            0x9123_683E,
            0x0102_1994,
            0x794C_7630,
            0x2FC1_2FC1,
        ] {
            assert_eq!(network_fs_name(local), None, "{local:#x}");
        }
    }

    #[test]
    fn unc_paths_are_remote_and_drive_letters_are_asked_about() {
        assert_eq!(
            windows_root(r"\\fileserver\support\desk.db"),
            WindowsRoot::Unc
        );
        assert_eq!(
            windows_root("//fileserver/support/desk.db"),
            WindowsRoot::Unc
        );
        assert_eq!(
            windows_root(r"\\?\UNC\fileserver\support"),
            WindowsRoot::Unc
        );
        assert_eq!(
            windows_root(r"\\?\unc\fileserver\support"),
            WindowsRoot::Unc
        );
        assert_eq!(
            windows_root(r"C:\Users\li\desk.db"),
            WindowsRoot::Drive('C')
        );
        assert_eq!(windows_root(r"\\?\z:\desk"), WindowsRoot::Drive('Z'));
        assert_eq!(windows_root(r"\\.\PhysicalDrive0"), WindowsRoot::Other);
        assert_eq!(windows_root(r"desk\desk.db"), WindowsRoot::Other);
        assert_eq!(windows_root(r"\\"), WindowsRoot::Other);
        assert_eq!(windows_root(""), WindowsRoot::Other);
    }

    #[test]
    fn auto_picks_shared_only_on_a_network_filesystem() {
        assert_eq!(
            FsKind::Network("nfs".into()).auto_mode(),
            StorageMode::Shared
        );
        assert_eq!(FsKind::Local.auto_mode(), StorageMode::Local);
        assert_eq!(FsKind::Unknown.auto_mode(), StorageMode::Local);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_missing_directory_is_unknown_and_the_temp_dir_is_known() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("no-such-dir").join("desk.db");
        assert_eq!(detect(&missing), FsKind::Unknown);
        assert_ne!(detect(&dir.path().join("desk.db")), FsKind::Unknown);
    }
}
