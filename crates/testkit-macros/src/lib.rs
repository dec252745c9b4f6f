//! `#[db_test]`: turns `async fn name(db: TestDb)` into a module `name` with
//! two tests, `sqlite` and `postgres`, each on a fresh database.

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, ItemFn};

#[proc_macro_attribute]
pub fn db_test(_attr: TokenStream, item: TokenStream) -> TokenStream {
    let f = parse_macro_input!(item as ItemFn);
    let name = &f.sig.ident;
    let inputs = &f.sig.inputs;
    let body = &f.block;
    let attrs = &f.attrs;
    quote! {
        mod #name {
            #[allow(unused_imports)]
            use super::*;
            #(#attrs)*
            async fn body(#inputs) #body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                body(::atbalsts_testkit::TestDb::sqlite().await.into()).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                body(::atbalsts_testkit::TestDb::postgres().await.into()).await
            }
        }
    }
    .into()
}
