//! [`LatvianFilter`]: the tantivy token filter that runs
//! [`latvian::fold`](crate::latvian::fold) and
//! [`latvian::stem`](crate::latvian::stem) on every token.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::latvian;

/// Token filter that folds diacritics and stems Latvian words. Put it after
/// a tokenizer and `LowerCaser` (it lowercases again, so order is forgiving).
#[derive(Clone, Copy, Debug, Default)]
pub struct LatvianFilter;

impl TokenFilter for LatvianFilter {
    type Tokenizer<T: Tokenizer> = LatvianTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LatvianTokenizer<T> {
        LatvianTokenizer { inner: tokenizer }
    }
}

/// The tokenizer [`LatvianFilter`] wraps around another one.
#[derive(Clone, Debug)]
pub struct LatvianTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for LatvianTokenizer<T> {
    type TokenStream<'a> = LatvianTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LatvianTokenStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// Token stream of a [`LatvianTokenizer`].
pub struct LatvianTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for LatvianTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        token.text = latvian::stem(&latvian::fold(&token.text));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
