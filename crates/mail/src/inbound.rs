//! Inbound mail (next step).
