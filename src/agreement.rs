//! Agreement between a marker's estimates and a teacher's marks: exact and
//! within-one agreement, quadratic weighted kappa, Pearson r, mean signed
//! error and the confusion matrix, as `selfmark rubric test` reports them.

use serde::Serialize;

/// Agreement over a set of (teacher, estimate) pairs on a 0..=max scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub n: usize,
    /// Share of answers where the estimate equals the teacher's mark.
    pub exact: f64,
    /// Share within one mark.
    pub within_one: f64,
    /// Quadratic weighted kappa (Cohen 1968).
    pub qwk: f64,
    pub pearson: f64,
    /// Mean of estimate − teacher: above 0 over-marks, below 0 under-marks.
    pub mean_signed_error: f64,
    /// `confusion[teacher][estimate]` counts.
    pub confusion: Vec<Vec<usize>>,
}

/// Computes agreement; marks above `max` are clamped to it.
pub fn agreement(pairs: &[(u32, u32)], max: u32) -> Agreement {
    let k = max as usize + 1;
    let mut confusion = vec![vec![0usize; k]; k];
    for &(t, e) in pairs {
        confusion[t.min(max) as usize][e.min(max) as usize] += 1;
    }
    let n = pairs.len();
    let share = |f: &dyn Fn(u32, u32) -> bool| {
        if n == 0 {
            0.0
        } else {
            pairs.iter().filter(|&&(t, e)| f(t, e)).count() as f64 / n as f64
        }
    };
    Agreement {
        n,
        exact: share(&|t, e| t == e),
        within_one: share(&|t, e| t.abs_diff(e) <= 1),
        qwk: quadratic_weighted_kappa(&confusion),
        pearson: pearson(pairs),
        mean_signed_error: if n == 0 {
            0.0
        } else {
            pairs
                .iter()
                .map(|&(t, e)| f64::from(e) - f64::from(t))
                .sum::<f64>()
                / n as f64
        },
        confusion,
    }
}

/// Quadratic weighted kappa of a square confusion matrix. 1 is perfect
/// agreement, 0 what chance gives; 1 when all marks agree on one category.
pub fn quadratic_weighted_kappa(confusion: &[Vec<usize>]) -> f64 {
    let k = confusion.len();
    let n: usize = confusion.iter().flatten().sum();
    if k < 2 || n == 0 {
        return 0.0;
    }
    let rows: Vec<f64> = confusion
        .iter()
        .map(|r| r.iter().sum::<usize>() as f64)
        .collect();
    let cols: Vec<f64> = (0..k)
        .map(|j| confusion.iter().map(|r| r[j]).sum::<usize>() as f64)
        .collect();
    let (mut observed, mut expected) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let w = ((i as f64 - j as f64) / (k as f64 - 1.0)).powi(2);
            observed += w * confusion[i][j] as f64;
            expected += w * rows[i] * cols[j] / n as f64;
        }
    }
    if expected == 0.0 {
        if observed == 0.0 { 1.0 } else { 0.0 }
    } else {
        1.0 - observed / expected
    }
}

/// Pearson's r of the pairs; 0 when either side has no variance.
pub fn pearson(pairs: &[(u32, u32)]) -> f64 {
    pearson_f64(
        &pairs
            .iter()
            .map(|&(a, b)| (f64::from(a), f64::from(b)))
            .collect::<Vec<_>>(),
    )
}

/// Pearson's r over real-valued pairs; 0 when either side has no variance.
pub fn pearson_f64(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return 0.0;
    }
    let ma = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let mb = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for &(a, b) in pairs {
        sab += (a - ma) * (b - mb);
        saa += (a - ma).powi(2);
        sbb += (b - mb).powi(2);
    }
    if saa == 0.0 || sbb == 0.0 {
        0.0
    } else {
        sab / (saa * sbb).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_agreement_is_one() {
        let pairs = [(0, 0), (3, 3), (6, 6), (2, 2)];
        let a = agreement(&pairs, 6);
        assert_eq!(a.exact, 1.0);
        assert!((a.qwk - 1.0).abs() < 1e-12);
        assert!((a.pearson - 1.0).abs() < 1e-12);
        assert_eq!(a.mean_signed_error, 0.0);
    }

    #[test]
    fn kappa_matches_a_hand_computed_case() {
        // Two raters, three categories: observed [[1,1,0],[0,1,0],[0,0,1]].
        // Rows 2,1,1; columns 1,2,1; weights 0, .25, 1. Observed
        // disagreement .25; expected Σ w·row·col/n = (.25·(2·2 + 1·1 + 1·1
        // + 1·2) + 1·(2·1 + 1·1)) / 4 = 5/4; kappa = 1 − .25/1.25 = 0.8.
        let c = vec![vec![1, 1, 0], vec![0, 1, 0], vec![0, 0, 1]];
        let k = quadratic_weighted_kappa(&c);
        assert!((k - 0.8).abs() < 1e-12, "{k}");
    }

    #[test]
    fn over_marking_shows_as_positive_error() {
        let a = agreement(&[(2, 4), (3, 4), (0, 1)], 6);
        assert!((a.mean_signed_error - 4.0 / 3.0).abs() < 1e-12);
        assert_eq!(a.within_one, 2.0 / 3.0);
        assert_eq!(a.confusion[2][4], 1);
    }

    #[test]
    fn degenerate_inputs_do_not_divide_by_zero() {
        assert_eq!(agreement(&[], 6).qwk, 0.0);
        assert_eq!(pearson(&[(1, 1), (1, 2)]), 0.0);
    }
}
