//! One linear pass of html5ever's tokenizer (no tree builder) over
//! untrusted HTML: how deep the tree builder would nest it, and its text.
//!
//! The tree builder (inside ammonia) checks "element in scope" by walking
//! the stack of open elements and re-creates every open formatting element
//! (`<b>`, `<font>`, ...) for each run of text after a block closes: both
//! cost time in proportion to the depth, so a document tens of thousands of
//! elements deep takes quadratic time. The tokenizer alone does neither;
//! [`Shape::of`] estimates the depth from above so the caller can flatten
//! such a document before the tree builder sees it.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::LocalName;
use std::cell::RefCell;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame", "keygen", "basefont", "bgsound", "image",
];

/// Elements the tree builder closes by itself when a sibling of the same
/// kind starts (`<p>a<p>b`, `<li>`, table cells): not counted as nesting.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dd", "dt", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb",
    "rt", "rp", "rtc",
];

/// Formatting elements: the tree builder keeps them in its list of active
/// formatting elements until their own end tag, whatever closes around them.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements that start a new line in the text version.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &[
    "script", "style", "head", "title", "template", "noscript", "xmp", "iframe", "noembed",
    "noframes", "object",
];

#[derive(Default)]
struct State {
    /// Open elements as the tokenizer sees them (an over-estimate of the
    /// tree builder's stack: unknown end tags close nothing here).
    open: Vec<LocalName>,
    /// Formatting elements not yet ended by their own end tag.
    formatting: Vec<LocalName>,
    deepest: usize,
    /// Stop counting past this depth (the caller's limit): keeps the pass
    /// linear, as each end tag searches at most this many entries.
    cap: usize,
    text: Option<String>,
    hidden: usize,
    /// Whitespace seen and not yet written (collapsed to one space).
    pending_space: bool,
}

impl State {
    /// `tag` is lower case (the tokenizer folds tag names).
    fn tag(&mut self, tag: &LocalName, start: bool, self_closing: bool) -> TokenSinkResult<()> {
        let name: &str = tag;
        if self.deepest <= self.cap {
            if start && !self_closing && !VOID.contains(&name) {
                if SELF_CLOSING_SIBLINGS.contains(&name) {
                    if let Some(at) = self.open.iter().rposition(|n| &**n == name) {
                        self.open.truncate(at);
                    }
                }
                self.open.push(tag.clone());
                if FORMATTING.contains(&name) {
                    self.formatting.push(tag.clone());
                }
                self.deepest = self.deepest.max(self.open.len()).max(self.formatting.len());
            } else if !start {
                if let Some(at) = self.open.iter().rposition(|n| &**n == name) {
                    self.open.truncate(at);
                }
                if let Some(at) = self.formatting.iter().rposition(|n| &**n == name) {
                    self.formatting.remove(at);
                }
            }
        }
        if HIDDEN.contains(&name) {
            if start && !self_closing {
                self.hidden += 1;
            } else if !start {
                self.hidden = self.hidden.saturating_sub(1);
            }
        }
        if let Some(text) = self.text.as_mut() {
            if BLOCK.contains(&name) && !text.ends_with('\n') && !text.is_empty() {
                text.push('\n');
                self.pending_space = false;
            } else if (name == "td" || name == "th") && start {
                self.pending_space = true;
            }
        }
        // Without a tree builder the tokenizer must be told where raw text
        // starts, or `<style>` and `<script>` bodies would read as markup.
        if start && !self_closing {
            return match name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            };
        }
        TokenSinkResult::Continue
    }

    fn chars(&mut self, s: &str) {
        if self.hidden > 0 {
            return;
        }
        let Some(text) = self.text.as_mut() else {
            return;
        };
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space && !text.is_empty() && !text.ends_with('\n') {
                    text.push(' ');
                }
                self.pending_space = false;
                if !c.is_control() {
                    text.push(c);
                }
            }
        }
    }
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.0.borrow_mut();
        match token {
            TagToken(tag) => state.tag(&tag.name, tag.kind == StartTag, tag.self_closing),
            CharacterTokens(s) => {
                state.chars(&s);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

fn run(html: &str, cap: usize, text: bool) -> State {
    let state = State {
        cap,
        text: text.then(String::new),
        ..State::default()
    };
    let tokenizer = Tokenizer::new(Sink(RefCell::new(state)), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to stop for a script, so one feed reads it all.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// How deep a document would nest, counted up to a cap.
pub(crate) struct Shape {
    pub(crate) depth: usize,
}

impl Shape {
    /// The nesting of `html`, exact up to `cap` and "more than `cap`" past it.
    pub(crate) fn of(html: &str, cap: usize) -> Shape {
        Shape {
            depth: run(html, cap, false).deepest,
        }
    }
}

/// The text a reader sees in `html`: blocks on lines of their own, runs of
/// whitespace as one space, scripts, styles and the head left out.
pub fn text_of(html: &str) -> String {
    let text = run(html, 0, true).text.unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim) {
        if line.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_real_nesting_and_not_sibling_paragraphs() {
        assert_eq!(
            Shape::of("<div><div><p>a<p>b<p>c</div></div>", 100).depth,
            3
        );
        assert_eq!(Shape::of(&"<div>".repeat(500), 100).depth, 101);
        // Formatting elements stay active after the block around them closes.
        let reopened = "<div><b id=1></div>".repeat(300);
        assert!(Shape::of(&reopened, 100).depth > 100);
    }

    #[test]
    fn text_keeps_words_and_lines_but_not_scripts_or_styles() {
        let text = text_of(
            "<html><head><title>T</title><style>p{color:red}</style></head><body>\
             <p>Labdien,</p><p>printeris   <b>neiet</b>.</p><script>if (a<b) x()</script>\
             <div>Ar&nbsp;cieņu,<br>Anna &amp; Co</div></body></html>",
        );
        assert_eq!(text, "Labdien,\nprinteris neiet.\nAr cieņu,\nAnna & Co");
    }
}
