//! The labelled sets keep their figures: the floors under the released sets' precision and
//! recall (counterfactual, blame and minimiser together).

/// The labelled sets keep their figures: a change to the rules that makes them worse fails
/// here. Floors a little under the figures at the time of writing (counterfactual, blame and
/// minimiser together): sentences.jsonl tune 0.985 / 0.992, old holdout 0.982 / 1.000, all
/// 0.984 / 0.995; holdout2 0.946 / 0.946; holdout3 0.980 / 1.000; holdout4 0.961 / 0.947;
/// holdout5 0.951 / 0.851; holdout6 0.928 / 0.901. Both parts of sentences.jsonl and holdout2
/// to holdout6 were released for tuning on 2026-12-03 (holdout2 after its blind figures, 0.71 /
/// 0.68, were recorded; holdout3 after its, 0.825 / 0.673; holdout4 after its, 0.807 / 0.733;
/// holdout5 after its, 0.933 / 0.737; holdout6 after its, 0.817 / 0.690), so these floors
/// guard development data. holdout7 was released after its blind figures (0.807 / 0.696) and
/// tuned to 0.915 / 0.951; the next blind set (holdout8) is never read here.
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
    let h2 = crate::eval::read_set(include_str!("../../eval/holdout2.jsonl")).unwrap();
    assert!(h2.len() >= 375, "{} sentences", h2.len());
    let h2 = crate::eval::evaluate(&h2, "holdout2").core();
    assert!(
        h2.precision() >= 0.94 && h2.recall() >= 0.94,
        "holdout2: {h2:?}"
    );
    // 49 positive labels: one more false positive or two misses break the floor.
    let h3 = crate::eval::read_set(include_str!("../../eval/holdout3.jsonl")).unwrap();
    assert!(h3.len() >= 227, "{} sentences", h3.len());
    let h3 = crate::eval::evaluate(&h3, "holdout3").core();
    assert!(
        h3.precision() >= 0.975 && h3.recall() >= 0.975,
        "holdout3: {h3:?}"
    );
    // 131 positive labels: two more false positives or two more misses break the floor.
    let h4 = crate::eval::read_set(include_str!("../../eval/holdout4.jsonl")).unwrap();
    assert!(h4.len() >= 334, "{} sentences", h4.len());
    let h4 = crate::eval::evaluate(&h4, "holdout4").core();
    assert!(
        h4.precision() >= 0.95 && h4.recall() >= 0.935,
        "holdout4: {h4:?}"
    );
    // 114 positive labels: one more false positive or one more miss breaks the floor.
    let h5 = crate::eval::read_set(include_str!("../../eval/holdout5.jsonl")).unwrap();
    assert!(h5.len() >= 284, "{} sentences", h5.len());
    let h5 = crate::eval::evaluate(&h5, "holdout5").core();
    assert!(
        h5.precision() >= 0.945 && h5.recall() >= 0.845,
        "holdout5: {h5:?}"
    );
    // 71 positive labels: one more false positive or one more miss breaks the floor.
    let h6 = crate::eval::read_set(include_str!("../../eval/holdout6.jsonl")).unwrap();
    assert!(h6.len() >= 157, "{} sentences", h6.len());
    let h6 = crate::eval::evaluate(&h6, "holdout6").core();
    assert!(
        h6.precision() >= 0.925 && h6.recall() >= 0.895,
        "holdout6: {h6:?}"
    );
    // 102 positive labels: three more false positives or three more misses break the floor.
    let h7 = crate::eval::read_set(include_str!("../../eval/holdout7.jsonl")).unwrap();
    assert!(h7.len() >= 329, "{} sentences", h7.len());
    let h7 = crate::eval::evaluate(&h7, "holdout7").core();
    assert!(
        h7.precision() >= 0.895 && h7.recall() >= 0.93,
        "holdout7: {h7:?}"
    );
}
