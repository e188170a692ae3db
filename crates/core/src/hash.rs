use sha2::{Digest, Sha256};

/// Hex SHA-256 of some bytes: how sources and entries are recognised when imported again.
pub fn content_hash(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(Sha256::digest(bytes.as_ref()))
}
