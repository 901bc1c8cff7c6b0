//! Postings: ascending clause numbers, written as the gaps between them in
//! base-32 varints, so a list is a plain string in the index.

/// Appends `n` as a base-32 varint: continuation digits from one alphabet,
/// the last digit from another, so no separator is needed.
fn push_varint(out: &mut String, n: u32) {
    const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";
    let mut digits = [0u8; 7];
    let mut len = 0;
    let mut v = n;
    loop {
        digits[len] = (v & 31) as u8;
        len += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let d = digits[i] as usize;
        out.push(if i == 0 { LAST[d] } else { MORE[d] } as char);
    }
}

/// Encodes ascending clause numbers as gaps: `[0, 1, 5]` → gaps 0, 0, 3.
pub fn encode_postings(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 2);
    let mut prev: i64 = -1;
    for &id in ids {
        push_varint(&mut out, (i64::from(id) - prev - 1) as u32);
        prev = i64::from(id);
    }
    out
}

/// Decodes what [`encode_postings`] wrote (the query side does the same).
pub fn decode_postings(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut v: u32 = 0;
    let mut prev: i64 = -1;
    for b in s.bytes() {
        let (digit, last) = match b {
            b'0'..=b'9' => (b - b'0', true),
            b'a'..=b'v' => (b - b'a' + 10, true),
            b'w'..=b'z' => (b - b'w', false),
            b'A'..=b'Z' => (b - b'A' + 4, false),
            b'_' => (30, false),
            _ => (31, false),
        };
        v = v * 32 + u32::from(digit);
        if last {
            prev += i64::from(v) + 1;
            out.push(prev as u32);
            v = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        for ids in [
            vec![],
            vec![0],
            vec![0, 1, 2, 3],
            vec![5, 31, 32, 33, 1000, 1031, 40000, 1_000_000],
        ] {
            let enc = encode_postings(&ids);
            assert_eq!(decode_postings(&enc), ids, "{enc}");
            assert!(!enc.contains(['"', '\\']));
        }
        assert_eq!(encode_postings(&[0, 1, 2]), "000");
        assert_eq!(encode_postings(&[40]).len(), 2);
    }
}
