//! Reading archives people hand us (a ZIP file, or the folder it was unpacked to) member by
//! member, into memory, with caps on what decompression may cost.
//!
//! Nothing is ever extracted to disk: a member is read into a `Vec` and handed to a parser, so a
//! hostile member name cannot write anywhere. Names are still validated, because they end up in
//! provenance and error messages and a name that climbs out of the archive (`../x`) is a sign of
//! a crafted file.
//!
//! Sizes declared in ZIP headers are only hints written by whoever made the file: every cap here
//! counts the bytes the decompressor actually produced, read through `Read::take(limit + 1)` so a
//! member that goes over is noticed after at most one byte too many.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use zip::{CompressionMethod, ZipArchive};

use crate::ImportError;

/// What reading one archive may cost. The defaults fit the largest real exports we expect (a
/// big workspace's Slack export is hundreds of megabytes) while stopping zip bombs long before
/// they exhaust memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Members (files and folders) the archive may list.
    pub max_entries: usize,
    /// Bytes all members read may decompress to together.
    pub max_total_bytes: u64,
    /// Bytes one member may decompress to; it is held in memory whole.
    pub max_entry_bytes: u64,
    /// How many times its compressed size a member may decompress to. Text compresses about
    /// 5–20 times; a zip bomb, thousands.
    pub max_ratio: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        ZipLimits {
            max_entries: 100_000,
            max_total_bytes: 4 * 1024 * 1024 * 1024,
            max_entry_bytes: 512 * 1024 * 1024,
            max_ratio: 200,
        }
    }
}

/// Below this many decompressed bytes a member's ratio is not checked: a small file of blanks
/// can legitimately compress a thousand times, and members this small cannot add up to a bomb
/// without also hitting the entry count or the total cap.
pub const RATIO_GRACE_BYTES: u64 = 64 * 1024;

/// The deepest folder nesting read from an unpacked folder. Exports are two levels deep; the
/// cap keeps a symlink-free but absurdly deep tree from costing more than it should.
const MAX_FOLDER_DEPTH: usize = 16;

/// One member of an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The path inside the archive, `/`-separated, validated by [`check_member_name`], without
    /// a trailing `/`.
    pub name: String,
    /// A regular file (not a folder or a symbolic link).
    pub is_file: bool,
}

/// Checks that a member name stays inside the archive: no empty name, no NUL, no backslash
/// (a Windows separator that some tools honour when extracting), no absolute path, no drive
/// letter and no `..` component. Returns why the name is refused.
pub fn check_member_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("empty name");
    }
    if name.contains('\0') {
        return Err("name contains a NUL byte");
    }
    if name.contains('\\') {
        return Err("name contains a backslash");
    }
    if name.starts_with('/') {
        return Err("absolute path");
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Err("name starts with a drive letter");
    }
    if name.split('/').any(|c| c == "..") {
        return Err("name climbs out of the archive (`..`)");
    }
    Ok(())
}

/// A ZIP archive read member by member within [`ZipLimits`].
pub struct SafeZip<R> {
    name: String,
    archive: ZipArchive<R>,
    limits: ZipLimits,
    /// Members in central-directory order; `members[i]` is the archive's entry `i`.
    members: Vec<Member>,
    /// The archive's length: no member can honestly have more compressed bytes than this, so it
    /// bounds a declared compressed size used in the ratio check.
    archive_len: u64,
    /// Decompressed bytes read so far, over all members.
    total_read: u64,
}

impl<R: Read + Seek> SafeZip<R> {
    /// Opens a ZIP archive, listing and validating its members. `name` is used in errors.
    pub fn open(mut reader: R, name: &str, limits: ZipLimits) -> Result<Self, ImportError> {
        let read_err = |source| ImportError::Read {
            file: name.to_owned(),
            source,
        };
        let archive_len = reader.seek(SeekFrom::End(0)).map_err(read_err)?;
        let mut magic = [0u8; 4];
        reader.seek(SeekFrom::Start(0)).map_err(read_err)?;
        let got = read_up_to(&mut reader, &mut magic).map_err(read_err)?;
        reader.seek(SeekFrom::Start(0)).map_err(read_err)?;
        let looks_like_zip = got == 4 && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06");
        let archive = match ZipArchive::new(reader) {
            Ok(a) => a,
            Err(e) if looks_like_zip => {
                return Err(file_err(
                    name,
                    format!("truncated or corrupt ZIP archive: {e}"),
                ));
            }
            Err(_) => return Err(file_err(name, NOT_AN_ARCHIVE)),
        };
        // The central directory is parsed before we can count it, but its size is bounded by
        // the archive's, so the count is checked here before any member is read.
        if archive.len() > limits.max_entries {
            return Err(file_err(
                name,
                format!(
                    "lists {} members, more than the limit of {}",
                    archive.len(),
                    limits.max_entries
                ),
            ));
        }
        // Two members with one name: tools disagree on which one counts, which is a way to show
        // an importer something other than what a person unzipping the file sees.
        if archive.has_duplicate_names() {
            return Err(file_err(name, "two members have the same name"));
        }
        let mut members = Vec::with_capacity(archive.len());
        for index in 0..archive.len() {
            let entry = archive
                .by_index_data(index)
                .map_err(|e| file_err(name, format!("corrupt ZIP archive: member {index}: {e}")))?;
            let raw = entry.name_raw();
            let member_name = match std::str::from_utf8(raw) {
                Ok(s) => Cow::Borrowed(s),
                // Old archivers write names in CP437; the crate decodes them.
                Err(_) => entry
                    .name()
                    .map_err(|e| file_err(name, format!("member {index}: unreadable name: {e}")))?,
            };
            if let Err(why) = check_member_name(&member_name) {
                return Err(file_err(
                    name,
                    format!("member {member_name:?}: refused: {why}"),
                ));
            }
            members.push(Member {
                name: member_name.trim_end_matches('/').to_owned(),
                is_file: entry.is_file(),
            });
        }
        Ok(SafeZip {
            name: name.to_owned(),
            archive,
            limits,
            members,
            archive_len,
            total_read: 0,
        })
    }

    /// The archive's name as given to [`SafeZip::open`].
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Reads member `index` (a position in [`SafeZip::members`]) into memory, within the caps.
    pub fn read(&mut self, index: usize) -> Result<Vec<u8>, ImportError> {
        let Some(member) = self.members.get(index) else {
            return Err(file_err(&self.name, format!("no member {index}")));
        };
        let member = member.name.clone();
        let name = self.name.clone();
        let err = |message: String| file_err(&name, format!("member {member}: {message}"));

        let entry = self
            .archive
            .by_index_data(index)
            .map_err(|e| err(format!("corrupt entry: {e}")))?;
        if entry.encrypted() {
            return Err(err("encrypted members are not supported".into()));
        }
        let method = entry.compression();
        if method != CompressionMethod::Stored && method != CompressionMethod::Deflated {
            return Err(err(format!(
                "compression method {method} is not supported (only stored and deflate)"
            )));
        }
        let compressed = entry.compressed_size().min(self.archive_len);

        let remaining_total = self.limits.max_total_bytes.saturating_sub(self.total_read);
        let ratio_cap = compressed
            .saturating_mul(self.limits.max_ratio)
            .max(RATIO_GRACE_BYTES);
        // The smallest cap decides how far we read; ties go to the most specific message.
        let (limit, which) = [
            (self.limits.max_entry_bytes, Cap::Entry),
            (remaining_total, Cap::Total),
            (ratio_cap, Cap::Ratio),
        ]
        .into_iter()
        .min_by_key(|(limit, _)| *limit)
        .unwrap_or((0, Cap::Entry));

        let file = self
            .archive
            .by_index(index)
            .map_err(|e| err(format!("cannot open: {e}")))?;
        let bytes =
            read_limited(file, limit).map_err(|e| err(format!("cannot decompress: {e}")))?;
        let Some(bytes) = bytes else {
            return Err(match which {
                Cap::Entry => err(format!(
                    "decompresses to more than {limit} bytes, the limit for one member"
                )),
                Cap::Total => file_err(
                    &name,
                    format!(
                        "decompresses to more than {} bytes in total (the limit), reading member {member}",
                        self.limits.max_total_bytes
                    ),
                ),
                Cap::Ratio => err(format!(
                    "decompresses to more than {} times its {compressed} compressed bytes: refused as a likely zip bomb",
                    self.limits.max_ratio
                )),
            });
        };
        self.total_read += bytes.len() as u64;
        Ok(bytes)
    }
}

#[derive(Clone, Copy)]
enum Cap {
    Entry,
    Total,
    Ratio,
}

/// An unpacked archive: a folder on disk, read with the same caps as a ZIP (except the ratio,
/// which has no meaning here).
pub struct Folder {
    root: PathBuf,
    name: String,
    limits: ZipLimits,
    members: Vec<Member>,
    total_read: u64,
}

impl Folder {
    /// Lists the folder's files (recursively, in name order). Symbolic links are refused: an
    /// export folder has none, and one could point the importer at any file on the machine.
    pub fn open(root: &Path, limits: ZipLimits) -> Result<Self, ImportError> {
        let name = root.display().to_string();
        let mut members = Vec::new();
        list_folder(root, "", 0, &name, &limits, &mut 0, &mut members)?;
        Ok(Folder {
            root: root.to_owned(),
            name,
            limits,
            members,
            total_read: 0,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Reads member `index` (a position in [`Folder::members`]) into memory, within the caps.
    pub fn read(&mut self, index: usize) -> Result<Vec<u8>, ImportError> {
        let Some(member) = self.members.get(index) else {
            return Err(file_err(&self.name, format!("no member {index}")));
        };
        let member = member.name.clone();
        let path = self.root.join(&member);
        let read_err = |source| ImportError::Read {
            file: path.display().to_string(),
            source,
        };
        // Re-checked at open time: the folder may have changed since it was listed.
        let meta = fs::symlink_metadata(&path).map_err(read_err)?;
        if meta.file_type().is_symlink() {
            return Err(file_err(
                &self.name,
                format!("member {member}: refused: symbolic link"),
            ));
        }
        let remaining_total = self.limits.max_total_bytes.saturating_sub(self.total_read);
        let limit = self.limits.max_entry_bytes.min(remaining_total);
        let file = fs::File::open(&path).map_err(read_err)?;
        let Some(bytes) = read_limited(file, limit).map_err(read_err)? else {
            return Err(if limit == self.limits.max_entry_bytes {
                file_err(
                    &self.name,
                    format!(
                        "member {member}: is larger than {limit} bytes, the limit for one member"
                    ),
                )
            } else {
                file_err(
                    &self.name,
                    format!(
                        "holds more than {} bytes in total (the limit), reading member {member}",
                        self.limits.max_total_bytes
                    ),
                )
            });
        };
        self.total_read += bytes.len() as u64;
        Ok(bytes)
    }
}

fn list_folder(
    dir: &Path,
    prefix: &str,
    depth: usize,
    name: &str,
    limits: &ZipLimits,
    seen: &mut usize,
    out: &mut Vec<Member>,
) -> Result<(), ImportError> {
    let read_err = |source| ImportError::Read {
        file: dir.display().to_string(),
        source,
    };
    let mut children = Vec::new();
    for child in fs::read_dir(dir).map_err(read_err)? {
        let child = child.map_err(read_err)?;
        let file_name = child.file_name();
        let Some(file_name) = file_name.to_str() else {
            return Err(file_err(
                name,
                format!(
                    "member {prefix}{}: refused: name is not UTF-8",
                    file_name.to_string_lossy()
                ),
            ));
        };
        let member = format!("{prefix}{file_name}");
        if let Err(why) = check_member_name(&member) {
            return Err(file_err(name, format!("member {member:?}: refused: {why}")));
        }
        let file_type = child.file_type().map_err(read_err)?;
        if file_type.is_symlink() {
            return Err(file_err(
                name,
                format!("member {member}: refused: symbolic link"),
            ));
        }
        children.push((member, file_type.is_dir()));
        // Counted as they are listed, so a huge folder is refused before it is all in memory.
        *seen += 1;
        if *seen > limits.max_entries {
            return Err(file_err(
                name,
                format!(
                    "holds more than {} files and folders, the limit",
                    limits.max_entries
                ),
            ));
        }
    }
    children.sort();
    for (member, is_dir) in children {
        out.push(Member {
            name: member.clone(),
            is_file: !is_dir,
        });
        if is_dir {
            if depth + 1 >= MAX_FOLDER_DEPTH {
                return Err(file_err(
                    name,
                    format!("member {member}: folders nest deeper than {MAX_FOLDER_DEPTH} levels"),
                ));
            }
            let sub = dir.join(member.rsplit('/').next().unwrap_or(&member));
            list_folder(
                &sub,
                &format!("{member}/"),
                depth + 1,
                name,
                limits,
                seen,
                out,
            )?;
        }
    }
    Ok(())
}

/// Either kind of archive, so that importers need not care which one they were given.
pub enum Archive<R> {
    Zip(SafeZip<R>),
    Folder(Folder),
}

impl<R: Read + Seek> Archive<R> {
    pub fn name(&self) -> &str {
        match self {
            Archive::Zip(z) => z.name(),
            Archive::Folder(f) => f.name(),
        }
    }

    pub fn members(&self) -> &[Member] {
        match self {
            Archive::Zip(z) => z.members(),
            Archive::Folder(f) => f.members(),
        }
    }

    /// The position of the regular file called `name`, if there is one.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.members()
            .iter()
            .position(|m| m.is_file && m.name == name)
    }

    pub fn read(&mut self, index: usize) -> Result<Vec<u8>, ImportError> {
        match self {
            Archive::Zip(z) => z.read(index),
            Archive::Folder(f) => f.read(index),
        }
    }
}

impl Archive<io::BufReader<fs::File>> {
    /// Opens `path` as a folder if it is one, else as a ZIP file.
    pub fn open_path(path: &Path, limits: ZipLimits) -> Result<Self, ImportError> {
        let name = path.display().to_string();
        let meta = fs::metadata(path).map_err(|source| ImportError::Read {
            file: name.clone(),
            source,
        })?;
        if meta.is_dir() {
            return Ok(Archive::Folder(Folder::open(path, limits)?));
        }
        if !meta.is_file() {
            return Err(file_err(&name, NOT_AN_ARCHIVE));
        }
        let file = fs::File::open(path).map_err(|source| ImportError::Read {
            file: name.clone(),
            source,
        })?;
        Ok(Archive::Zip(SafeZip::open(
            io::BufReader::new(file),
            &name,
            limits,
        )?))
    }
}

const NOT_AN_ARCHIVE: &str = "not a ZIP archive (nor a folder holding an unpacked one)";

fn file_err(file: &str, message: impl Into<String>) -> ImportError {
    ImportError::File {
        file: file.to_owned(),
        message: message.into(),
    }
}

/// Reads `reader` to its end if it yields at most `limit` bytes; `None` if it yields more.
/// At most `limit + 1` bytes are ever read or held.
pub fn read_limited(reader: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        Ok(None)
    } else {
        Ok(Some(buf))
    }
}

/// Like `read_exact`, but a short input is not an error: returns how many bytes were read.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_that_escape_are_refused() {
        for ok in [
            "a.json",
            "general/2016-01-14.json",
            "dir/",
            "a/./b",
            "x..y/z",
        ] {
            assert_eq!(check_member_name(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("", "empty name"),
            ("../evil.json", "name climbs out of the archive (`..`)"),
            ("a/../../b", "name climbs out of the archive (`..`)"),
            ("a/..", "name climbs out of the archive (`..`)"),
            ("/etc/passwd", "absolute path"),
            ("C:/x.json", "name starts with a drive letter"),
            ("c:x.json", "name starts with a drive letter"),
            ("a\\..\\b", "name contains a backslash"),
            ("a\0b", "name contains a NUL byte"),
        ] {
            assert_eq!(check_member_name(bad), Err(why), "{bad:?}");
        }
    }

    #[test]
    fn read_limited_reads_at_most_one_byte_past_the_limit() {
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_limited(&b"abcd"[..], 3).unwrap(), None);
        assert_eq!(read_limited(&b""[..], 0).unwrap(), Some(Vec::new()));
        // An endless reader is cut off rather than read to exhaustion.
        assert_eq!(read_limited(io::repeat(0), 10).unwrap(), None);
    }
}
