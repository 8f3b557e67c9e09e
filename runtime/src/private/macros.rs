//! The impls the derive asks for per feature: each `__errwire_*` macro exists twice, cfg on
//! and off, because only the runtime knows which of its features are on (the derive emits
//! the call; the runtime decides whether it expands to anything). Kept in one file, as
//! axum-core keeps its cfg twins in `macros.rs`.

/// Registers a derived type's catalogue with `errwire::catalogue::all()`.
#[cfg(feature = "registry")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_register {
    ($catalogue:expr) => {
        #[$crate::__private::linkme::distributed_slice($crate::__private::CATALOGUES)]
        #[linkme(crate = $crate::__private::linkme)]
        static __ERRWIRE_REGISTRATION: &'static [$crate::__private::ErrorSpec] = $catalogue;
    };
}

/// Without the `registry` feature, nothing is registered.
#[cfg(not(feature = "registry"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_register {
    ($catalogue:expr) => {};
}

/// `utoipa::IntoResponses` for a derived (non-generic) type.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_openapi {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::utoipa::IntoResponses for $ty {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::openapi::responses::<$ty>()
            }
        }
    };
}

/// Without the `utoipa` feature, no OpenAPI.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_openapi {
    ($ty:ty) => {};
}

/// `axum::response::IntoResponse` in the type's format.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_axum {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)*
        where
            $($bounds)*
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                // Only `Self: DefaultFormat` is required here, so a bad `format = …` is
                // reported once, at the attribute.
                $crate::axum::into_response_default(&self)
            }
        }
    };
}

/// Without the `axum` feature, nothing.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_axum {
    ($($tokens:tt)*) => {};
}

/// `actix_web::ResponseError` in the type's format, for types that are `Debug + Display`
/// (actix's supertraits); the higher-ranked bound lets the impl exist for every type and
/// hold only for those.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_actix {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            for<'__errwire> $($ty)*: ::core::fmt::Debug + ::core::fmt::Display,
            $($bounds)*
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::error_response_default(self)
            }
        }
    };
}

/// Without the `actix-web` feature, nothing.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_actix {
    ($($tokens:tt)*) => {};
}

/// poem's `ResponseError` in the type's format, for types that are `std::error::Error` (what
/// poem converts into its `Error`); the higher-ranked bound lets the impl exist for every type
/// and hold only for those.
#[cfg(feature = "poem")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_poem {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::poem::error::ResponseError for $($ty)*
        where
            for<'__errwire> $($ty)*: ::std::error::Error + ::core::marker::Send + ::core::marker::Sync + 'static,
            $($bounds)*
        {
            fn status(&self) -> $crate::__private::poem::http::StatusCode {
                $crate::ApiError::status(self)
            }

            fn as_response(&self) -> $crate::__private::poem::Response {
                $crate::poem::into_response_default(self)
            }
        }
    };
}

/// Without the `poem` feature, nothing.
#[cfg(not(feature = "poem"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_poem {
    ($($tokens:tt)*) => {};
}

/// salvo's `Scribe` (and so its `Writer`) in the type's format: a handler returns
/// `Result<T, E>` and the error is written in the service's envelope.
#[cfg(feature = "salvo")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_salvo {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::salvo::Scribe for $($ty)*
        where
            $($bounds)*
        {
            fn render(self, res: &mut $crate::__private::salvo::Response) {
                $crate::salvo::render_default(&self, res)
            }
        }
    };
}

/// Without the `salvo` feature, nothing.
#[cfg(not(feature = "salvo"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_salvo {
    ($($tokens:tt)*) => {};
}

/// rocket's `Responder` in the type's format: a handler returns `Result<T, E>` and the error
/// is answered in the service's envelope.
#[cfg(feature = "rocket")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_rocket {
    ([] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl<'__errwire_r> $crate::__private::rocket::response::Responder<'__errwire_r, 'static> for $($ty)*
        where
            $($bounds)*
        {
            $crate::__errwire_rocket!(@respond_to);
        }
    };
    ([< $($params:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl<'__errwire_r, $($params)* $crate::__private::rocket::response::Responder<'__errwire_r, 'static> for $($ty)*
        where
            $($bounds)*
        {
            $crate::__errwire_rocket!(@respond_to);
        }
    };
    (@respond_to) => {
        fn respond_to(
            self,
            request: &'__errwire_r $crate::__private::rocket::Request<'_>,
        ) -> $crate::__private::rocket::response::Result<'static> {
            $crate::rocket::respond_default(&self, request)
        }
    };
}

/// Without the `rocket` feature, nothing.
#[cfg(not(feature = "rocket"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_rocket {
    ($($tokens:tt)*) => {};
}

/// rmcp's `IntoCallToolResult` (the error on its MCP channel) and `From<T> for ErrorData`.
#[cfg(feature = "rmcp")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_rmcp {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::rmcp::handler::server::tool::IntoCallToolResult for $($ty)*
        where
            $($bounds)*
        {
            fn into_call_tool_result(
                self,
            ) -> ::core::result::Result<
                $crate::__private::rmcp::model::CallToolResponse,
                $crate::__private::rmcp::ErrorData,
            > {
                let current = $crate::__private::CurrentContext::capture();
                $crate::rmcp::into_call_tool_result(&self, &current.context())
            }
        }

        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::rmcp::ErrorData
        where
            $($bounds)*
        {
            fn from(error: $($ty)*) -> Self {
                let current = $crate::__private::CurrentContext::capture();
                $crate::rmcp::error_data(&error, &current.context())
            }
        }
    };
}

/// Without the `rmcp` feature, nothing.
#[cfg(not(feature = "rmcp"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_rmcp {
    ($($tokens:tt)*) => {};
}

/// `From<T> for jsonrpsee_types::ErrorObjectOwned`.
#[cfg(feature = "jsonrpsee")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_jsonrpsee {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::jsonrpsee_types::ErrorObjectOwned
        where
            $($bounds)*
        {
            fn from(error: $($ty)*) -> Self {
                let current = $crate::__private::CurrentContext::capture();
                $crate::jsonrpsee::error_object(&error, &current.context())
            }
        }
    };
}

/// Without the `jsonrpsee` feature, nothing.
#[cfg(not(feature = "jsonrpsee"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_jsonrpsee {
    ($($tokens:tt)*) => {};
}

/// `From<T> for tonic::Status`, with the request id of the call being served.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_tonic {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        where
            $($bounds)*
        {
            fn from(error: $($ty)*) -> Self {
                let current = $crate::__private::CurrentContext::capture();
                $crate::tonic::status(&error, &current.context())
            }
        }
    };
}

/// Without the `tonic` feature, nothing.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_tonic {
    ($($tokens:tt)*) => {};
}

/// async-graphql's `ErrorExtensions`, so `result.extend()?` sends the public message and
/// errwire's facts.
#[cfg(feature = "async-graphql")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_async_graphql {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::async_graphql::ErrorExtensions for $($ty)*
        where
            $($bounds)*
        {
            fn extend(&self) -> $crate::__private::async_graphql::Error {
                $crate::async_graphql::extend(self)
            }
        }
    };
}

/// Without the `async-graphql` feature, nothing.
#[cfg(not(feature = "async-graphql"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_async_graphql {
    ($($tokens:tt)*) => {};
}

/// `aide::OperationOutput` for a derived (non-generic) type: a handler returning it documents
/// every code.
#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_aide {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::aide::OperationOutput for $ty {
            type Inner = Self;

            fn inferred_responses(
                _ctx: &mut $crate::__private::aide::generate::GenContext,
                _operation: &mut $crate::__private::aide::openapi::Operation,
            ) -> ::std::vec::Vec<(
                ::core::option::Option<u16>,
                $crate::__private::aide::openapi::Response,
            )> {
                $crate::openapi::aide::responses::<$ty>()
            }
        }
    };
}

/// poem-openapi's `ApiResponse` (feature `poem-openapi`): every status of the type, in its
/// format.
#[cfg(feature = "poem-openapi")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_poem_openapi {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::poem_openapi::ApiResponse for $ty {
            fn meta() -> $crate::__private::poem_openapi::registry::MetaResponses {
                $crate::openapi::poem::meta::<$ty>()
            }

            fn register(registry: &mut $crate::__private::poem_openapi::registry::Registry) {
                $crate::openapi::poem::register::<$ty>(registry);
            }
        }
    };
}

/// salvo-oapi's `EndpointOutRegister`: every status of the type documented on the endpoint.
#[cfg(feature = "salvo-oapi")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_salvo_oapi {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::salvo_oapi::EndpointOutRegister for $ty {
            fn register(
                components: &mut $crate::__private::salvo_oapi::Components,
                operation: &mut $crate::__private::salvo_oapi::Operation,
            ) {
                $crate::openapi::salvo::register::<$ty>(components, operation);
            }
        }
    };
}

/// Without the `salvo-oapi` feature, nothing.
#[cfg(not(feature = "salvo-oapi"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_salvo_oapi {
    ($ty:ty) => {};
}

/// Without the `poem-openapi` feature, nothing.
#[cfg(not(feature = "poem-openapi"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_poem_openapi {
    ($ty:ty) => {};
}

/// Without the `aide` feature, nothing.
#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_aide {
    ($ty:ty) => {};
}

/// A derived type's `__message_args()`: the Fluent variables of its translations, read only
/// by the `i18n` feature (so a build without it neither type-checks nor lowers them).
#[cfg(feature = "i18n")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_i18n {
    ($($item:tt)*) => { $($item)* };
}

/// Without the `i18n` feature, no translation reads the placeholders.
#[cfg(not(feature = "i18n"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errwire_i18n {
    ($($item:tt)*) => {};
}
