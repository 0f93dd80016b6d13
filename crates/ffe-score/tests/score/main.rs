//! Integration tests of ffe-score.
