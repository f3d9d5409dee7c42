//! Atomic file writes: outputs appear whole or not at all, so a crash or Ctrl-C never leaves
//! a truncated report where a previous good one stood.
//!
//! Temporary files being written are registered, so that an interruption (see
//! [`crate::interrupt`]) can remove them before the process exits: a `kill -9` can still leave
//! a `.NAME.tmp-PID` file behind, but never a truncated `NAME`.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary files being written, and whether the run was interrupted (after which no new
/// output is started).
#[derive(Debug, Default)]
pub struct TempFiles {
    state: Mutex<TempState>,
}

#[derive(Debug, Default)]
struct TempState {
    interrupted: bool,
    paths: Vec<PathBuf>,
}

/// The registry of this process's outputs.
pub static TEMP_FILES: TempFiles = TempFiles::new();

impl TempFiles {
    /// An empty registry.
    pub const fn new() -> Self {
        Self {
            state: Mutex::new(TempState {
                interrupted: false,
                paths: Vec::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, TempState> {
        // A writer that panicked holds nothing worth protecting: keep going.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stops every write: deletes the temporary files in progress and refuses new ones.
    /// Returns the guard, which the caller holds until the process exits so that no write can
    /// start or complete in between. Never blocks for long: writers hold the lock only to
    /// create, rename or delete a file.
    pub fn abandon(&self) -> Abandoned<'_> {
        let mut state = self.lock();
        state.interrupted = true;
        for path in state.paths.drain(..) {
            let _ = fs::remove_file(&path);
        }
        Abandoned { _closed: state }
    }

    /// Whether [`abandon`](Self::abandon) was called.
    pub fn interrupted(&self) -> bool {
        self.lock().interrupted
    }
}

/// Holds the registry closed after [`TempFiles::abandon`]: no output is created or completed
/// while it lives.
#[must_use = "dropping it lets writes in progress complete"]
pub struct Abandoned<'a> {
    _closed: MutexGuard<'a, TempState>,
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

fn interrupted_error() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

/// Writes `path` through `write`, via a temporary file in the same directory renamed into
/// place once complete. `-` writes to standard output instead.
///
/// A path that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO such as a
/// shell's process substitution) is written through: renaming over it would replace the device
/// with a regular file. A symbolic link is followed, so the link stays and its target is
/// replaced atomically.
pub fn write_file<F>(path: &Path, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    write_file_with(&TEMP_FILES, path, write)
}

/// [`write_file`] with an explicit registry.
pub fn write_file_with<F>(registry: &TempFiles, path: &Path, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    if path.as_os_str() == "-" {
        let stdout = io::stdout();
        let mut lock = stdout.lock();
        write(&mut lock)?;
        return lock.flush();
    }
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut writer = BufWriter::with_capacity(1 << 16, File::create(path)?);
            write(&mut writer)?;
            return writer.flush();
        }
        _ => {}
    }
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = fs::canonicalize(path)?;
            resolved.as_path()
        }
        _ => path,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let temp = temp_path(path);
    // Created and registered under the lock: an interruption either sees the file and deletes
    // it, or has already happened and no file is created.
    let file = {
        let mut state = registry.lock();
        if state.interrupted {
            return Err(interrupted_error());
        }
        let file = File::create(&temp)?;
        state.paths.push(temp.clone());
        file
    };
    let result = (|| {
        let mut writer = BufWriter::with_capacity(1 << 16, file);
        write(&mut writer)?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        let mut state = registry.lock();
        if state.interrupted {
            return Err(interrupted_error());
        }
        state.paths.retain(|p| p != &temp);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        registry.lock().paths.retain(|p| p != &temp);
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_on_success() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_file(&path, |w| w.write_all(b"good")).unwrap();
        let failed = write_file(&path, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "good");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file cleaned up"
        );
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_fifo_instead_of_replacing_it() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        write_file(&fifo, |w| w.write_all(b"report")).unwrap();
        assert_eq!(reader.join().unwrap(), "report");
        let meta = fs::symlink_metadata(&fifo).unwrap();
        assert!(meta.file_type().is_fifo(), "the FIFO is still a FIFO");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file");
    }

    #[cfg(unix)]
    #[test]
    fn follows_a_symlink_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        let link = dir.path().join("latest.json");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_file(&link, |w| w.write_all(b"new")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_stays_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        assert!(
            fs::metadata(null).unwrap().file_type().is_char_device(),
            "this machine's /dev/null is not a device (.ci/run repairs it)"
        );
        write_file(null, |w| w.write_all(b"discarded")).unwrap();
        assert!(fs::metadata(null).unwrap().file_type().is_char_device());
    }

    #[test]
    fn interruption_mid_write_removes_the_temp_file_and_keeps_the_old_output() {
        let registry = TempFiles::new();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_file_with(&registry, &path, |w| w.write_all(b"good")).unwrap();
        let result = write_file_with(&registry, &path, |w| {
            w.write_all(b"half a rep")?;
            w.flush()?;
            let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
            assert_eq!(names.len(), 2, "the temp file exists while writing");
            drop(registry.abandon());
            w.write_all(b"ort")
        });
        assert_eq!(
            result.map_err(|e| e.kind()),
            Err(io::ErrorKind::Interrupted)
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "good");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(registry.interrupted());
        // Nothing new starts after an interruption.
        let other = dir.path().join("other.json");
        assert!(write_file_with(&registry, &other, |w| w.write_all(b"x")).is_err());
        assert!(!other.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
