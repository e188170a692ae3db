//! Issue 9: Markdown that cost minutes on every view, diagram blocks that multiplied memory,
//! glossary aliases without limits. Each reproduction is here with an upper bound on work:
//! comrak and ammonia runs, bytes read, automaton steps, drawings, output bytes.

use lore_render::{
    BlockDiagrams, GlossaryIndex, GlossaryLink, LimitExceeded, Limits, PassageMark, RenderStats,
    Settled, check_markdown, link_glossary, mark_passages, markdown_to_safe_html,
    split_timeline_blocks, try_markdown_to_safe_html,
};

/// Runs `f` and returns what it did on this thread.
fn counted<T>(f: impl FnOnce() -> T) -> (T, RenderStats) {
    let before = RenderStats::current();
    let out = f();
    (out, RenderStats::since(&before))
}

/// 200,000 characters of `"> "` made the incident page take 57 s a view (html5ever's work
/// grows with the square of the nesting). Now it is refused before comrak starts, and text
/// stored before the limits renders as plain text in bounded bytes.
#[test]
fn nested_quotes_are_refused_before_comrak_and_stored_ones_show_as_plain_text() {
    let quotes = "> ".repeat(100_000);
    let (refused, work) = counted(|| try_markdown_to_safe_html(&quotes, &Limits::DEFAULT));
    let refused = refused.unwrap_err();
    assert_eq!(
        refused,
        LimitExceeded::Nesting {
            what: "block quotes",
            depth: 100_000,
            at_least: false,
            max: 32
        }
    );
    assert_eq!(
        format!("a perspective {refused}"),
        "a perspective nests block quotes 100,000 deep; at most 32"
    );
    assert_eq!((work.comrak_runs, work.ammonia_runs), (0, 0), "{work:?}");

    let (shown, work) = counted(|| markdown_to_safe_html(&quotes));
    assert_eq!((work.comrak_runs, work.ammonia_runs), (0, 0), "{work:?}");
    assert_eq!(work.plain_fallbacks, 1);
    assert!(
        shown.starts_with(
            "<p class=\"render-limit\">Shown as written, without formatting: this text nests \
             block quotes 100,000 deep; at most 32.</p>"
        ),
        "{}",
        &shown[..200]
    );
    // `>` becomes `&gt;`: at most five bytes per byte written, plus the note.
    assert!(
        shown.len() <= 5 * quotes.len() + 512,
        "{} bytes",
        shown.len()
    );
    assert!(!shown.contains("<blockquote"));

    // Lazy continuation lines keep deep quotes open: refused as well.
    let lazy = format!("{}x\n{}", "> ".repeat(50_000), "y\n".repeat(50_000));
    assert!(matches!(
        check_markdown(&lazy, &Limits::DEFAULT),
        Err(LimitExceeded::Nesting { depth: 50_000, .. })
    ));
    // Lists nest the same way.
    let lists: String = (0..40)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    assert_eq!(
        check_markdown(&lists, &Limits::DEFAULT)
            .unwrap_err()
            .to_string(),
        "nests lists at least 34 deep; at most 32",
        "past the limit the scan stops following containers from line to line"
    );
}

/// 25,000 `[x](#a)` links took 5 s a view: the heading-link labelling searched from every
/// link to the next empty one. Now they are refused, and the most a text may have render with
/// one pass over the HTML.
#[test]
fn links_are_bounded_and_labelled_in_one_pass() {
    let many = "[x](#a)".repeat(25_000);
    assert_eq!(
        check_markdown(&many, &Limits::DEFAULT)
            .unwrap_err()
            .to_string(),
        "has 25,000 links; at most 2,000"
    );
    let allowed = format!("## Heading\n\n{}\n\n## Another", "[x](#a) ".repeat(2_000));
    let (html, work) = counted(|| try_markdown_to_safe_html(&allowed, &Limits::DEFAULT));
    let html = html.unwrap();
    assert_eq!((work.comrak_runs, work.ammonia_runs), (1, 1));
    assert!(
        work.heading_bytes <= html.len() as u64 + 1024,
        "{} bytes looked at for {} bytes of HTML",
        work.heading_bytes,
        html.len()
    );
    assert_eq!(html.matches("class=\"permalink\"").count(), 2);
    assert_eq!(html.matches("<a href=\"#a\"").count(), 2_000);
}

/// 10,000 footnotes took 8.6 s in the preview (each is a link into the page).
#[test]
fn footnotes_are_bounded() {
    let notes = |n: usize| {
        let refs: String = (0..n).map(|i| format!("x[^{i}] ")).collect();
        let defs: String = (0..n).map(|i| format!("\n\n[^{i}]: note {i}")).collect();
        refs + &defs
    };
    assert_eq!(
        check_markdown(&notes(10_000), &Limits::DEFAULT)
            .unwrap_err()
            .to_string(),
        "has 10,000 footnotes; at most 200"
    );
    // One note referenced 10,000 times is as many footnote links.
    let one = format!("{}\n\n[^a]: the note", "x[^a] ".repeat(10_000));
    assert!(matches!(
        check_markdown(&one, &Limits::DEFAULT),
        Err(LimitExceeded::Footnotes { count: 10_000, .. })
    ));
    let (html, work) = counted(|| try_markdown_to_safe_html(&notes(200), &Limits::DEFAULT));
    let html = html.unwrap();
    assert!(html.contains("note 199"));
    assert!(work.heading_bytes <= html.len() as u64 + 1024, "{work:?}");
}

/// A table's rows are padded to the header's width: a narrow text can ask for a wide page.
#[test]
fn tables_are_bounded_in_columns_and_cells() {
    let wide = format!("|{}\n|{}\n", "a|".repeat(1000), "-|".repeat(1000));
    assert_eq!(
        check_markdown(&wide, &Limits::DEFAULT)
            .unwrap_err()
            .to_string(),
        "has a table of 1,000 columns; at most 64"
    );
    let long = format!(
        "|{}\n|{}\n{}",
        "a|".repeat(64),
        "-|".repeat(64),
        "x\n".repeat(50_000)
    );
    assert!(matches!(
        check_markdown(&long, &Limits::DEFAULT),
        Err(LimitExceeded::TableCells { .. })
    ));
}

/// Whatever fits the limits, comrak's HTML is cut off at `max_html_bytes`: the text is then
/// shown as written.
#[test]
fn html_is_capped_while_comrak_writes_it() {
    let limits = Limits {
        max_html_bytes: 10_000,
        ..Limits::DEFAULT
    };
    let text = "> quoted\n\n".repeat(2_000);
    assert_eq!(
        try_markdown_to_safe_html(&text, &limits).unwrap_err(),
        LimitExceeded::Html { max: 10_000 }
    );
}

fn settle(text: &str) -> Result<Settled, String> {
    let key = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(Settled {
        href: format!("/incidents/x?{key}#diagram"),
        key,
    })
}

/// 4,000 empty blocks (88,000 characters) made a page of 181 MB: each redrew the whole
/// diagram. Now a text has at most 16 blocks, a page draws each distinct diagram once, and
/// carries at most `BlockDiagrams::MAX_SVG_BYTES` of them.
#[test]
fn diagram_blocks_draw_each_diagram_once_within_the_page_budget() {
    let four_thousand = "```lore-timeline\n```\n\n".repeat(4000);
    assert_eq!(four_thousand.len(), 88_000);
    assert_eq!(
        check_markdown(&four_thousand, &Limits::DEFAULT)
            .unwrap_err()
            .to_string(),
        "has 4,000 lore-timeline blocks; at most 16"
    );
    // Stored before the limits: shown as text, nothing drawn.
    let shown = markdown_to_safe_html(&four_thousand);
    assert!(split_timeline_blocks(&shown).len() == 1);

    let sixteen = "```lore-timeline\n```\n\n".repeat(16);
    let html = markdown_to_safe_html(&sixteen);
    // What a drawing costs here: 45 kB, about a 114-entry incident's diagram.
    let svg = markdown_to_safe_html(&"x".repeat(45_000));
    let mut page = BlockDiagrams::new(BlockDiagrams::MAX_DRAWINGS, BlockDiagrams::MAX_SVG_BYTES);
    let (out, work) = counted(|| {
        page.embed(&split_timeline_blocks(&html), "p1", settle, |_, _| {
            Ok(svg.clone())
        })
    });
    assert_eq!(
        work.diagrams_drawn, 1,
        "one drawing for 16 identical blocks"
    );
    assert!(out.len() < svg.len() + 16 * 200, "{} bytes", out.len());
    // A thousand readers' perspectives on one page, each with 16 different blocks: the
    // page draws at most MAX_DRAWINGS and carries at most MAX_SVG_BYTES.
    let mut drawn = 0;
    let mut bytes = 0;
    for p in 0..1000 {
        let distinct: String = (0..16)
            .map(|i| format!("```lore-timeline\nfrom={p}-{i}\n```\n\n"))
            .collect();
        let html = markdown_to_safe_html(&distinct);
        let out = page.embed(
            &split_timeline_blocks(&html),
            &format!("p{p}"),
            settle,
            |_, _| {
                drawn += 1;
                Ok(svg.clone())
            },
        );
        bytes += out.len();
    }
    assert!(drawn < BlockDiagrams::MAX_DRAWINGS, "{drawn} drawings");
    let (count, svg_bytes) = page.drawn();
    assert!(count <= BlockDiagrams::MAX_DRAWINGS);
    assert!(svg_bytes <= BlockDiagrams::MAX_SVG_BYTES);
    // The rest are links to the timeline: a couple of hundred bytes each.
    assert!(
        bytes <= BlockDiagrams::MAX_SVG_BYTES + 1000 * 16 * 200,
        "{bytes}"
    );
}

fn term(spellings: &[&str], href: &str) -> GlossaryLink {
    GlossaryLink {
        spellings: spellings.iter().map(|s| (*s).to_owned()).collect(),
        href: href.into(),
        definition: format!("what {} means", spellings[0]),
    }
}

/// One term with 20,000 aliases (stored before the limit) made `/glossary` take 3 s and,
/// with the nested quotes, an incident page 117 s. Linking is one automaton pass: its steps
/// stay proportional to the text.
#[test]
fn twenty_thousand_aliases_link_in_linear_steps() {
    let aliases: Vec<String> = (0..20_000).map(|i| format!("alias{i}")).collect();
    let mut spellings: Vec<&str> = vec!["term"];
    spellings.extend(aliases.iter().map(String::as_str));
    let glossary = GlossaryIndex::new(vec![term(&spellings, "/glossary#term-term")]);
    let text: String = (0..5_000)
        .map(|i| format!("## S{i}\n\nalias{i} and term.\n\n"))
        .collect();
    let html = markdown_to_safe_html(&text);
    let (linked, work) = counted(|| link_glossary(&html, &glossary));
    assert!(
        work.glossary_steps <= 2 * html.len() as u64,
        "{} steps for {} bytes",
        work.glossary_steps,
        html.len()
    );
    // Once per section: the first of its spellings each time.
    assert_eq!(linked.matches("class=\"term\"").count(), 5_000);
}

/// Aliases `lt`, `amp`, `quot` matched inside HTML entities: readers saw `&lt;script>` where
/// the text said `<script>`. Entities, tags and attributes are never linked.
#[test]
fn entities_tags_and_attributes_are_never_linked() {
    let glossary = GlossaryIndex::new(vec![
        term(
            &["lt", "amp", "quot", "gt", "nbsp", "39"],
            "/glossary#term-lt",
        ),
        term(&["NAT"], "/glossary#term-nat"),
        term(&["script"], "/glossary#term-script"),
    ]);
    let html = markdown_to_safe_html(
        "They pasted <script> & \"quoted\" 'x' a&b.\n\n![a>b NAT](https://example.com/p.png \"NAT > lt\")",
    );
    let linked = link_glossary(&html, &glossary);
    assert!(!linked.contains("/glossary#term-lt"), "{linked}");
    assert!(
        linked.contains(
            "&lt;<a class=\"term\" href=\"/glossary#term-script\" title=\"what script means\">script</a>&gt; &amp; \"quoted\""
        ),
        "{linked}"
    );
    // The image's alt and title hold `>` raw: the tag still ends where it ends.
    let img = &linked[linked.find("<img").unwrap()..];
    let img = &img[..img.find("\">").unwrap() + 2];
    assert!(!img.contains("<a"), "{img}");
    assert!(!linked.contains("/glossary#term-nat"), "{linked}");
    // Passage marks read the same way.
    let (marked, found) = mark_passages(
        &html,
        &[PassageMark {
            quote: "b NAT".into(),
            anchor: "passage-1".into(),
            href: "#moment-1".into(),
            theme: "surprise".into(),
            label: "Surprise".into(),
            note: String::new(),
        }],
    );
    assert_eq!(
        found,
        [false],
        "alt text is no text a reader sees: {marked}"
    );
}

/// At one position the longest spelling wins: "NAT idle timeout" is its own term.
#[test]
fn the_longest_spelling_wins() {
    let glossary = GlossaryIndex::new(vec![
        term(&["NAT"], "/glossary#term-nat"),
        term(&["NAT idle timeout"], "/glossary#term-nat-idle-timeout"),
    ]);
    let html = markdown_to_safe_html("The NAT idle timeout is not NAT.");
    let linked = link_glossary(&html, &glossary);
    assert!(
        linked.contains(
            "<a class=\"term\" href=\"/glossary#term-nat-idle-timeout\" title=\"what NAT idle timeout means\">NAT idle timeout</a>"
        ),
        "{linked}"
    );
    assert!(
        linked.contains("not <a class=\"term\" href=\"/glossary#term-nat\""),
        "{linked}"
    );
}
