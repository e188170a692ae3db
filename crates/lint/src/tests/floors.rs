//! The labelled sets keep their figures: the floors under the released sets' precision and
//! recall (counterfactual, blame and minimiser together).

/// The labelled sets keep their figures: a change to the rules that makes them worse fails
/// here. Floors a little under the figures at the time of writing (counterfactual, blame and
/// minimiser together): sentences.jsonl tune 0.985 / 0.992, old holdout 0.982 / 1.000, all
/// 0.984 / 0.995; holdout2 0.946 / 0.946; holdout3 0.980 / 1.000; holdout4 0.961 / 0.947;
/// holdout5 0.971 / 0.877; holdout6 0.928 / 0.901. Both parts of sentences.jsonl and holdout2
/// to holdout6 were released for tuning on 2026-12-03 (holdout2 after its blind figures, 0.71 /
/// 0.68, were recorded; holdout3 after its, 0.825 / 0.673; holdout4 after its, 0.807 / 0.733;
/// holdout5 after its, 0.933 / 0.737; holdout6 after its, 0.817 / 0.690), so these floors
/// guard development data. holdout7 was released after its blind figures (0.807 / 0.696) and
/// tuned to 0.915 / 0.951 (0.924 / 0.951 since); the training sets train1 to train4 were tuned
/// on from their first figures, and so were holdout9 (released after its blind figures, 0.850 /
/// 0.607) and train5 to train8. The blind sets (holdout8, holdout10) are never read here.
#[test]
fn the_labelled_set_keeps_its_precision_and_recall() {
    let text = include_str!("../../eval/sentences.jsonl");
    let set = crate::eval::read_set(text).unwrap();
    assert!(set.len() >= 400, "{} sentences", set.len());
    let tune = crate::eval::evaluate(&set, "tune").core();
    assert!(
        tune.precision() >= 0.98 && tune.recall() >= 0.99,
        "tune: {tune:?}"
    );
    let holdout = crate::eval::evaluate(&set, "holdout").core();
    assert!(
        holdout.precision() >= 0.98 && holdout.recall() >= 0.99,
        "holdout: {holdout:?}"
    );
    macro_rules! set {
        ($name:literal) => {
            ($name, include_str!(concat!("../../eval/", $name, ".jsonl")))
        };
    }
    // (set, sentences, precision floor, recall floor), each a little under the figures
    // at the time of writing; the comment gives what one more mistake does.
    let floors: [((&str, &str), usize, f64, f64); 15] = [
        // 111 positive labels.
        (set!("holdout2"), 375, 0.94, 0.94),
        // 49 positive labels: one more false positive or two misses break the floor.
        (set!("holdout3"), 227, 0.975, 0.975),
        // 131 positive labels: two more false positives or two more misses break the floor.
        (set!("holdout4"), 334, 0.95, 0.935),
        // 114 positive labels (0.971 / 0.877 after the training sets' tuning).
        (set!("holdout5"), 284, 0.965, 0.87),
        // 71 positive labels: one more false positive or one more miss breaks the floor.
        (set!("holdout6"), 157, 0.925, 0.895),
        // 102 positive labels (0.924 / 0.951).
        (set!("holdout7"), 329, 0.915, 0.945),
        // The training sets, tuned on 2026-12-04 (first, blind: 0.783 / 0.687, 0.742 / 0.665,
        // 0.639 / 0.650, 0.637 / 0.449; after: 0.932 / 0.844, 0.886 / 0.855, 0.873 / 0.840,
        // 0.847 / 0.852): three or four more mistakes of a kind break each floor.
        (set!("train1"), 813, 0.92, 0.83),
        (set!("train2"), 828, 0.875, 0.84),
        (set!("train3"), 625, 0.86, 0.82),
        (set!("train4"), 650, 0.835, 0.835),
        // holdout9, released after its blind figures (0.850 / 0.607) and tuned to 1.000 / 0.964
        // (112 positive labels): one false positive or two more misses break the floor.
        (set!("holdout9"), 603, 0.99, 0.955),
        // train5 to train8, tuned on 2026-12-04 (first, blind: 0.806 / 0.672, 0.766 / 0.522,
        // 0.678 / 0.434, 0.495 / 0.557; after: 0.809 / 0.753, 0.806 / 0.585, 0.825 / 0.588,
        // 0.507 / 0.578): a few more mistakes of a kind break each floor.
        (set!("train5"), 959, 0.8, 0.745),
        (set!("train6"), 1014, 0.8, 0.575),
        (set!("train7"), 1049, 0.815, 0.58),
        (set!("train8"), 954, 0.5, 0.57),
    ];
    for ((name, text), sentences, precision, recall) in floors {
        let set = crate::eval::read_set(text).unwrap();
        assert!(set.len() >= sentences, "{name}: {} sentences", set.len());
        let got = crate::eval::evaluate(&set, name).core();
        assert!(
            got.precision() >= precision && got.recall() >= recall,
            "{name}: {got:?}"
        );
    }
}
