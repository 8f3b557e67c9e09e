//! [`RetryAfterValue`]: the types a `#[api(retry_after)]` field may have.

use core::time::Duration;

/// A field that gives the retry delay: `Duration`, integer seconds, or an `Option` of them.
/// Negative integers mean "no delay known".
pub trait RetryAfterValue {
    /// The delay, if known.
    fn retry_after_value(&self) -> Option<Duration>;
}

impl RetryAfterValue for Duration {
    fn retry_after_value(&self) -> Option<Duration> {
        Some(*self)
    }
}

macro_rules! unsigned_seconds {
    ($($t:ty),*) => {$(
        impl RetryAfterValue for $t {
            fn retry_after_value(&self) -> Option<Duration> {
                Some(Duration::from_secs(u64::from(*self)))
            }
        }
    )*};
}
unsigned_seconds!(u8, u16, u32, u64);

macro_rules! converted_seconds {
    ($($t:ty),*) => {$(
        impl RetryAfterValue for $t {
            fn retry_after_value(&self) -> Option<Duration> {
                u64::try_from(*self).ok().map(Duration::from_secs)
            }
        }
    )*};
}
converted_seconds!(usize, i8, i16, i32, i64, isize);

impl<T: RetryAfterValue> RetryAfterValue for Option<T> {
    fn retry_after_value(&self) -> Option<Duration> {
        self.as_ref().and_then(RetryAfterValue::retry_after_value)
    }
}

impl<T: RetryAfterValue + ?Sized> RetryAfterValue for &T {
    fn retry_after_value(&self) -> Option<Duration> {
        (**self).retry_after_value()
    }
}

impl<T: RetryAfterValue + ?Sized> RetryAfterValue for Box<T> {
    fn retry_after_value(&self) -> Option<Duration> {
        (**self).retry_after_value()
    }
}
