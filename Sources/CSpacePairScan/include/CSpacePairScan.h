#ifndef DEPECHE_CSPACEPAIRSCAN_H
#define DEPECHE_CSPACEPAIRSCAN_H

/// The first index `i` from `start` (below `count - 1`) where `bytes[i]` may be the last byte of
/// a space scalar (ASCII space or tab, or the last byte of U+00A0, U+2000–U+200A, U+202F,
/// U+3000 or U+FEFF in UTF-8) and `bytes[i + 1]` may be the first byte of a space or of a
/// ticker separator (ASCII space, tab, `|`, `/`, `>`, or the lead bytes C2, E2, E3, EF);
/// `count` when there is none. The caller decodes each such pair: in French, "à " is one too.
/// Sixteen pairs at a time with SSE2 (every x86-64 has it), a byte at a time elsewhere.
/// (Plain C types, so that the header needs no system header.)
long depeche_next_space_pair(const unsigned char *bytes, long start, long count);

#endif
