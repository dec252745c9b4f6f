//! A line-by-line comparison of two texts, for reading what changed
//! between two versions of an article.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    pub change: Change,
    pub text: String,
}

/// Above this many cells the longest-common-subsequence table would take
/// too much memory; the differing middle is then shown as removed and
/// added whole. Articles of a few hundred lines never come near it.
const MAX_TABLE_CELLS: usize = 4_000_000;

/// The lines of `old` and `new`, each marked same, added or removed, in
/// reading order: a minimal edit (longest common subsequence), with the
/// removed lines of a change before the added ones.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let line = |change, text: &str| DiffLine {
        change,
        text: text.to_owned(),
    };
    let mut out: Vec<DiffLine> = a[..prefix].iter().map(|l| line(Change::Same, l)).collect();
    if (am.len() + 1).saturating_mul(bm.len() + 1) > MAX_TABLE_CELLS {
        out.extend(am.iter().map(|l| line(Change::Removed, l)));
        out.extend(bm.iter().map(|l| line(Change::Added, l)));
    } else {
        // lcs[i][j]: length of the longest common subsequence of am[i..] and bm[j..].
        let w = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                out.push(line(Change::Same, am[i]));
                i += 1;
                j += 1;
            } else if j == bm.len() || (i < am.len() && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
            {
                out.push(line(Change::Removed, am[i]));
                i += 1;
            } else {
                out.push(line(Change::Added, bm[j]));
                j += 1;
            }
        }
    }
    out.extend(a[a.len() - suffix..].iter().map(|l| line(Change::Same, l)));
    out
}
