//! The limits against what people really write: every Markdown write-up in
//! `crates/import/tests/data/writeups` (real postmortems from three organisations, copied
//! with their SOURCE notes) and the demo's narrative and perspectives fit, each measure under
//! a tenth of its limit.

use std::path::{Path, PathBuf};

use lore_render::{Limits, Scan, check_markdown, try_markdown_to_safe_html};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".md") || n.ends_with(".md.erb"))
        {
            out.push(path);
        }
    }
}

#[test]
fn real_write_ups_fit_the_limits_with_room_to_spare() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    markdown_files(&root.join("crates/import/tests/data/writeups"), &mut files);
    markdown_files(&root.join("demo/perspectives"), &mut files);
    files.push(root.join("demo/narrative.md"));
    assert!(files.len() >= 90, "{} files", files.len());
    let limits = Limits::DEFAULT;
    let mut most = Scan::default();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let scan =
            check_markdown(&text, &limits).unwrap_or_else(|e| panic!("{} {e}", file.display()));
        try_markdown_to_safe_html(&text, &limits)
            .unwrap_or_else(|e| panic!("{} {e}", file.display()));
        most.bytes = most.bytes.max(scan.bytes);
        most.nesting = most.nesting.max(scan.nesting);
        most.links = most.links.max(scan.links);
        most.footnotes = most.footnotes.max(scan.footnotes);
        most.timeline_blocks = most.timeline_blocks.max(scan.timeline_blocks);
        most.table_columns = most.table_columns.max(scan.table_columns);
        most.table_cells = most.table_cells.max(scan.table_cells);
    }
    // The figures the limits were chosen from (see `Limits::DEFAULT`).
    assert_eq!(
        most,
        Scan {
            bytes: 72_646,
            nesting: 4,
            nesting_quotes: 0,
            nesting_at_least: false,
            links: 207,
            footnotes: 3,
            timeline_blocks: 0,
            table_columns: 2,
            table_cells: 58,
        },
        "update Limits::DEFAULT's notes if the real write-ups change"
    );
    assert!(most.bytes * 10 <= limits.max_bytes);
    assert!(most.nesting * 8 <= limits.max_nesting);
    assert!(most.links * 9 <= limits.max_links);
    assert!(most.footnotes * 10 <= limits.max_footnotes);
    assert!(most.table_columns * 10 <= limits.max_table_columns);
    assert!(most.table_cells * 10 <= limits.max_table_cells);
}
