//! The generated code names everything by absolute path: shadowing the prelude, `core`,
//! `http` or `errwire` in the user's scope changes nothing.
#![no_implicit_prelude]
#![allow(dead_code, non_camel_case_types)]

mod shadows {
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Box;
    pub struct Duration;
    pub struct Cow;
    pub trait ApiError {}
    pub trait Serialize {}
    pub trait Display {}
    pub mod core {}
    pub mod http {}
    pub mod errwire {}
    pub mod std {}
    pub mod serde {}
    #[allow(unused_macros)]
    macro_rules! format {
        ($($t:tt)*) => {
            compile_error!("the derive used a bare `format!`")
        };
    }
    #[allow(unused_macros)]
    macro_rules! write {
        ($($t:tt)*) => {
            compile_error!("the derive used a bare `write!`")
        };
    }
}

#[allow(unused_imports)]
use self::shadows::*;

#[derive(::errwire::ApiError)]
#[api(status = 400, domain = "hygiene", docs = "https://e.example/#{code}")]
enum Shadowed<T> {
    #[api(message = "value {1} for {0}", retry = true, retry_after = 3)]
    Full(::std::string::String, #[api(detail = "n")] u8),
    #[api(message = "value {value}", retry = true)]
    Named {
        value: T,
        #[api(detail = "param")]
        param: ::core::option::Option<u8>,
        #[api(retry_after)]
        wait: u64,
    },
    #[api(transparent)]
    Inner(Inner),
}

#[derive(::errwire::ApiError)]
#[api(status = 404)]
struct Inner;

#[test]
fn shadowed_names_do_not_leak_into_generated_code() {
    use ::errwire::ApiError as _;
    let error: Shadowed<u8> = Shadowed::Named {
        value: 1,
        param: ::core::option::Option::Some(2),
        wait: 4,
    };
    ::std::assert_eq!(error.message(), "value 1");
    ::std::assert_eq!(error.code(), "named");
    ::std::assert_eq!(Shadowed::<u8>::CATALOGUE.len(), 3);
}
