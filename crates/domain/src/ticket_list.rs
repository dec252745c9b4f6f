//! The staff's ticket list: what its bulk edit and its saved queues post.

pub mod input;
