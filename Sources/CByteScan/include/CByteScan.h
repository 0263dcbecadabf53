#ifndef DEPECHE_CBYTESCAN_H
#define DEPECHE_CBYTESCAN_H

// Scans over the bytes of a page's text on the hot path: sixteen bytes at a time with SSE2
// (every x86-64 has it), a byte at a time elsewhere. Each returns the first index from `start`
// where what it looks for is, or `count` when it is nowhere.
// (Plain C types, so that the header needs no system header.)

/// The first index `i` (below `count - 1`) where `bytes[i]` may be the last byte of a space
/// scalar (ASCII space or tab, or the last byte of U+00A0, U+2000–U+200A, U+202F, U+3000 or
/// U+FEFF in UTF-8) and `bytes[i + 1]` may be the first byte of a space or of a ticker or
/// navigation separator (ASCII space, tab, `|`, `/`, `>`, `-`, or the lead bytes C2, E2, E3,
/// EF). The caller decodes each such pair: in French, "à " is one too.
long depeche_next_space_pair(const unsigned char *bytes, long start, long count);

/// The first byte a JSON string escapes: a control character (below 0x20, or 0x7F), `"` or `\`.
long depeche_next_json_escape(const unsigned char *bytes, long start, long count);

/// The first byte at least `least`.
long depeche_next_byte_at_least(const unsigned char *bytes, long start, long count, unsigned char least);

/// How many of the `count` bytes are control characters a text file does not hold: below 0x20,
/// but for tab, line feed, form feed, carriage return and escape.
long depeche_count_binary_controls(const unsigned char *bytes, long count);

/// Copies, lowercased, the plain ASCII that starts `source` (`count` bytes) to `destination`,
/// and returns how many bytes that is: visible characters (0x21–0x7E but for the backtick,
/// which folds to an apostrophe), and single spaces each followed by one of those. Before each
/// character and each space-and-character pair, fewer than `budget` bytes have been copied:
/// a pair may take the copy to `budget + 1`. (A line's folded beginning: see
/// `BoilerplateLines.folded`. Not a scan like the others: it writes what it reads.)
long depeche_fold_ascii_run(const unsigned char *source, long count, unsigned char *destination, long budget);

/// Copies, lowercased, the visible ASCII (0x21–0x7E) that starts `source` (`count` bytes) to
/// `destination`, with the single spaces inside it that a normalised text keeps: between two
/// visible characters, the one before it not `"` or `(`, the one after it not `"`, `:`, `;`,
/// `!`, `?`, `,`, `.`, `%` or `)`. `source[-1]` must be the byte written last, and visible.
/// Returns how many bytes it copied (up to 15 bytes past them may be written over). (The
/// fingerprint's normalised text: see `FingerprintNormaliser`.)
long depeche_normalise_ascii_run(const unsigned char *source, long count, unsigned char *destination);

#endif
