use sha2::{Digest, Sha256};

/// Hex SHA-256 of some bytes: how sources and entries are recognised when imported again.
pub fn content_hash(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(Sha256::digest(bytes.as_ref()))
}

/// Hashes input that arrives in pieces (a large file, a folder's files) without holding it
/// all; gives the same hex string as [`content_hash`] over the concatenated pieces.
#[derive(Default)]
pub struct ContentHasher(Sha256);

impl ContentHasher {
    pub fn update(&mut self, bytes: impl AsRef<[u8]>) {
        self.0.update(bytes.as_ref());
    }

    pub fn finish(self) -> String {
        hex::encode(self.0.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_hash_like_the_whole() {
        let mut h = ContentHasher::default();
        h.update("hello ");
        h.update(b"world");
        assert_eq!(h.finish(), content_hash("hello world"));
        assert_eq!(
            content_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
