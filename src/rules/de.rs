//! Reading a rule file's TOML into the raw structs, with typed problems.
//!
//! The text is parsed by `toml` into spanned values; this deserializer walks
//! them. It checks each value against what the raw structs ask for itself
//! (a whole number, a string, an array, a table, `true` or `false`), so a
//! mismatch is a [`Problem`] with its data, and serde's own hooks
//! (`unknown_field`, `unknown_variant`, `missing_field`) hand over theirs:
//! nothing downstream reads an English message to learn what went wrong.

use std::fmt;
use std::ops::Range;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde_spanned::de::{SpannedDeserializer, is_spanned};
use toml::Spanned;
use toml::de::{DeArray, DeString, DeTable, DeValue};

use crate::error::{Expected, Found, Problem};

/// A problem and the bytes of the text it is about (the innermost value
/// being read when it arose).
#[derive(Debug)]
pub(crate) struct Failure {
    /// (boxed: a `Result` with a `Failure` stays small)
    pub problem: Box<Problem>,
    pub span: Option<Range<usize>>,
}

impl Failure {
    fn new(problem: Problem) -> Failure {
        Failure {
            problem: Box::new(problem),
            span: None,
        }
    }

    fn at(mut self, span: &Range<usize>) -> Failure {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.fmt(f)
    }
}

impl std::error::Error for Failure {}

impl de::Error for Failure {
    /// A message of one of certcheck's own `Deserialize` impls (dates,
    /// units): already in the house style.
    fn custom<T: fmt::Display>(msg: T) -> Failure {
        Failure::new(Problem::Custom(msg.to_string()))
    }
    /// Only a visitor of certcheck's own reaches this (the deserializer
    /// checks every other type first); its `expecting` is in the house
    /// style.
    fn invalid_type(found: Unexpected<'_>, expected: &dyn de::Expected) -> Failure {
        Failure::new(Problem::WrongType {
            found: Found::from(found),
            expected: Expected::Text(expected.to_string()),
        })
    }
    fn invalid_value(found: Unexpected<'_>, expected: &dyn de::Expected) -> Failure {
        Failure::new(Problem::InvalidValue {
            found: Found::from(found),
            expected: Expected::Text(expected.to_string()),
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Failure {
        Failure::new(Problem::UnknownKey {
            key: field.to_string(),
            expected,
        })
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Failure {
        Failure::new(Problem::UnknownValue {
            value: variant.to_string(),
            expected,
        })
    }
    fn missing_field(field: &'static str) -> Failure {
        Failure::new(Problem::MissingKey(field))
    }
    fn duplicate_field(field: &'static str) -> Failure {
        Failure::new(Problem::DuplicateKey(field.to_string()))
    }
}

/// Parses `text` and reads it as a `T`. A syntax error is
/// [`Problem::Syntax`] with the TOML parser's span.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    let root = DeTable::parse(text).map_err(|e| {
        let span = e.span();
        // The parser's one error about a key rather than the syntax; it
        // has no kind to tell it by but its message.
        let duplicate = e.message() == "duplicate key";
        let problem = match span.clone().and_then(|s| text.get(s)) {
            Some(key) if duplicate => Problem::DuplicateKey(key.trim().to_string()),
            _ => Problem::Syntax(e.message().to_string()),
        };
        Failure {
            problem: Box::new(problem),
            span,
        }
    })?;
    let span = root.span();
    T::deserialize(Value {
        value: DeValue::Table(root.into_inner()),
        span,
    })
}

/// One value and where it is.
struct Value<'i> {
    value: DeValue<'i>,
    span: Range<usize>,
}

impl<'i> Value<'i> {
    fn of(v: Spanned<DeValue<'i>>) -> Value<'i> {
        let span = v.span();
        Value {
            value: v.into_inner(),
            span,
        }
    }

    fn found(&self) -> Found {
        match &self.value {
            DeValue::String(s) => Found::Str(s.to_string()),
            DeValue::Integer(i) => match (integer(i), unsigned(i)) {
                (Some(n), _) => Found::Integer(n),
                // (named as serde names a number this large)
                (None, Some(n)) => Found::Other(format!("integer `{n}` as u128")),
                (None, None) => Found::Other(format!("integer `{}`", i.as_str())),
            },
            DeValue::Float(x) => match x.as_str().parse::<f64>() {
                Ok(x) => Found::Float(x),
                Err(_) => Found::Other(format!("floating point `{}`", x.as_str())),
            },
            DeValue::Boolean(b) => Found::Bool(*b),
            DeValue::Datetime(d) => Found::Datetime(d.to_string()),
            DeValue::Array(_) => Found::Array,
            DeValue::Table(_) => Found::Table,
        }
    }

    /// A number too large to read: `toml` says so before any type.
    fn overflow(&self) -> Option<Problem> {
        match &self.value {
            DeValue::Integer(i) if integer(i).is_none() && unsigned(i).is_none() => {
                Some(Problem::Overflow { float: false })
            }
            // a literal too large for a float (not `inf` written out)
            DeValue::Float(x)
                if x.as_str().parse::<f64>().is_ok_and(f64::is_infinite)
                    && !x.as_str().contains("inf") =>
            {
                Some(Problem::Overflow { float: true })
            }
            _ => None,
        }
    }

    fn wrong(&self, expected: Expected) -> Failure {
        if let Some(p) = self.overflow() {
            return Failure::new(p).at(&self.span);
        }
        // (a date-time reads as a table too, as it always has)
        let table_for_array = matches!(self.value, DeValue::Table(_) | DeValue::Datetime(_))
            && expected == Expected::Array;
        let problem = if table_for_array {
            Problem::TableForArray
        } else {
            Problem::WrongType {
                found: self.found(),
                expected,
            }
        };
        Failure::new(problem).at(&self.span)
    }
}

fn integer(i: &toml::de::DeInteger<'_>) -> Option<i128> {
    i128::from_str_radix(i.as_str(), i.radix()).ok()
}

/// An integer beyond `i128` that `u128` still holds.
fn unsigned(i: &toml::de::DeInteger<'_>) -> Option<u128> {
    u128::from_str_radix(i.as_str(), i.radix()).ok()
}

impl<'de> IntoDeserializer<'de, Failure> for Value<'de> {
    type Deserializer = Value<'de>;
    fn into_deserializer(self) -> Value<'de> {
        self
    }
}

macro_rules! whole_number {
    ($name:ident, $t:ty, $visit:ident) => {
        fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
            let n = match &self.value {
                DeValue::Integer(i) if integer(i).is_some() => integer(i),
                _ => return Err(self.wrong(Expected::WholeNumber)),
            };
            // a number of 64 bits or fewer is a value out of range, a
            // larger one a type of its own (as serde has it)
            let fits_64 = n.is_some_and(|n| i64::try_from(n).is_ok() || u64::try_from(n).is_ok());
            match n.and_then(|n| <$t>::try_from(n).ok()) {
                Some(n) => visitor.$visit::<Failure>(n).map_err(|e| e.at(&self.span)),
                None => {
                    let (found, expected) = (self.found(), Expected::WholeNumber);
                    Err(Failure::new(if fits_64 {
                        Problem::InvalidValue { found, expected }
                    } else {
                        Problem::WrongType { found, expected }
                    })
                    .at(&self.span))
                }
            }
        }
    };
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = Failure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        let span = self.span.clone();
        match self.value {
            DeValue::String(DeString::Borrowed(s)) => visitor.visit_borrowed_str(s),
            DeValue::String(DeString::Owned(s)) => visitor.visit_string(s),
            DeValue::Integer(ref i) => match integer(i) {
                Some(n) => match (i64::try_from(n), u64::try_from(n)) {
                    (Ok(n), _) => visitor.visit_i64(n),
                    (_, Ok(n)) => visitor.visit_u64(n),
                    _ => visitor.visit_i128(n),
                },
                None => match unsigned(i) {
                    Some(n) => visitor.visit_u128(n),
                    None => Err(Failure::new(Problem::Overflow { float: false })),
                },
            },
            DeValue::Float(ref x) => match x.as_str().parse::<f64>() {
                Ok(_) if self.overflow().is_some() => {
                    Err(Failure::new(Problem::Overflow { float: true }))
                }
                Ok(f) => visitor.visit_f64(f),
                Err(_) => Err(Failure::new(Problem::InvalidValue {
                    found: self.found(),
                    expected: Expected::Number,
                })),
            },
            DeValue::Boolean(b) => visitor.visit_bool(b),
            // as `toml` hands a date-time over: a one-entry map of its text
            DeValue::Datetime(d) => visitor.visit_map(de::value::MapDeserializer::new(
                std::iter::once(("$__toml_private_datetime", d.to_string())),
            )),
            DeValue::Array(items) => visitor.visit_seq(Items::new(items)),
            DeValue::Table(table) => visitor.visit_map(Entries::new(table)),
        }
        .map_err(|e| e.at(&span))
    }

    whole_number!(deserialize_u8, u8, visit_u8);
    whole_number!(deserialize_u16, u16, visit_u16);
    whole_number!(deserialize_u32, u32, visit_u32);
    whole_number!(deserialize_u64, u64, visit_u64);

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.value {
            DeValue::Boolean(b) => visitor
                .visit_bool::<Failure>(b)
                .map_err(|e| e.at(&self.span)),
            _ => Err(self.wrong(Expected::Bool)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.value {
            DeValue::String(_) => self.deserialize_any(visitor),
            _ => Err(self.wrong(Expected::String)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.value {
            DeValue::Array(_) => self.deserialize_any(visitor),
            _ => Err(self.wrong(Expected::Array)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        // a key left out is `None`; one written is always `Some`
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Failure> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        if is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        match self.value {
            // an array is read field by field, in order (as `toml` does)
            DeValue::Table(_) | DeValue::Array(_) => self.deserialize_any(visitor),
            _ => Err(self.wrong(Expected::Table)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        let span = self.span.clone();
        match self.value {
            DeValue::String(s) => visitor
                .visit_enum(de::value::StringDeserializer::<Failure>::new(s.to_string()))
                .map_err(|e| e.at(&span)),
            // `{ name = {} }`, the other way TOML writes a name from a list
            DeValue::Table(t) if t.len() == 1 => match t.into_iter().next() {
                Some((key, value)) => visitor.visit_enum(OneEntry { key, value, span }),
                None => Err(Failure::new(Problem::NotAString).at(&span)),
            },
            _ => Err(Failure::new(Problem::NotAString).at(&span)),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char bytes byte_buf unit unit_struct
        tuple tuple_struct map identifier ignored_any
    }
}

/// The items of an array.
struct Items<'i> {
    items: std::vec::IntoIter<Spanned<DeValue<'i>>>,
}

impl<'i> Items<'i> {
    fn new(items: DeArray<'i>) -> Items<'i> {
        Items {
            items: items.into_iter().collect::<Vec<_>>().into_iter(),
        }
    }
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Failure;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Failure> {
        match self.items.next() {
            Some(v) => seed.deserialize(Value::of(v)).map(Some),
            None => Ok(None),
        }
    }
}

/// The entries of a table, each key with its span.
struct Entries<'i> {
    entries: std::vec::IntoIter<(Spanned<DeString<'i>>, Spanned<DeValue<'i>>)>,
    value: Option<Spanned<DeValue<'i>>>,
}

impl<'i> Entries<'i> {
    fn new(table: DeTable<'i>) -> Entries<'i> {
        Entries {
            entries: table.into_iter().collect::<Vec<_>>().into_iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Failure;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Failure> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let span = key.span();
        let key: String = key.into_inner().to_string();
        seed.deserialize(de::value::StringDeserializer::<Failure>::new(key))
            .map(Some)
            .map_err(|e| e.at(&span))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Failure> {
        match self.value.take() {
            Some(v) => seed.deserialize(Value::of(v)),
            None => Err(Failure::new(Problem::Custom(
                "a value was asked for before its key".into(),
            ))),
        }
    }
}

/// A name from a list written as a one-entry table, `{ name = {} }`.
struct OneEntry<'i> {
    key: Spanned<DeString<'i>>,
    value: Spanned<DeValue<'i>>,
    /// The whole table.
    span: Range<usize>,
}

impl<'de> de::EnumAccess<'de> for OneEntry<'de> {
    type Error = Failure;
    type Variant = OneEntry<'de>;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, OneEntry<'de>), Failure> {
        let at = self.key.span();
        let name = self.key.get_ref().to_string();
        let v = seed
            .deserialize(de::value::StringDeserializer::<Failure>::new(name))
            .map_err(|e| e.at(&at))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for OneEntry<'de> {
    type Error = Failure;
    fn unit_variant(self) -> Result<(), Failure> {
        match self.value.get_ref() {
            DeValue::Table(t) if t.is_empty() => Ok(()),
            DeValue::Array(a) if a.is_empty() => Ok(()),
            _ => Err(Failure::new(Problem::NotAString).at(&self.span)),
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Failure> {
        Err(Failure::new(Problem::NotAString).at(&self.span))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Failure> {
        Err(Failure::new(Problem::NotAString).at(&self.span))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Failure> {
        Err(Failure::new(Problem::NotAString).at(&self.span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::raw::RawRule;

    const HEAD: &str = "id = \"x\"\nname = \"X\"\nissuer = \"I\"\n[edition]\nname = \"1\"\n";

    fn failure(body: &str) -> (Problem, String) {
        let text = format!("{HEAD}{body}");
        let Err(f) = from_str::<RawRule>(&text) else {
            panic!("{body} was read")
        };
        let at = f.span.and_then(|s| text.get(s)).unwrap_or("").to_string();
        (*f.problem, at)
    }

    #[test]
    fn a_misspelt_key_is_the_key_with_the_keys_allowed() {
        let (p, at) = failure(
            "[[requirement]]\nid = \"e\"\nname = \"E\"\nkind = \"experience\"\nyeras = 3\n",
        );
        let Problem::UnknownKey { key, expected } = &p else {
            panic!("{p:?}")
        };
        assert_eq!((key.as_str(), at.as_str()), ("yeras", "yeras"));
        assert!(expected.contains(&"years"));
        assert_eq!(p.help().as_deref(), Some("did you mean `years`?"));
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_was_found_and_expected() {
        let body = "[[requirement]]\nid = \"e\"\nname = \"E\"\nkind = \"experience\"\nyears = ";
        let (p, at) = failure(&format!("{body}\"ten\"\n"));
        assert_eq!(
            p,
            Problem::WrongType {
                found: Found::Str("ten".into()),
                expected: Expected::WholeNumber
            }
        );
        assert_eq!(at, "\"ten\"");
        let (p, _) = failure(&format!("{body}-3\n"));
        assert_eq!(
            p,
            Problem::InvalidValue {
                found: Found::Integer(-3),
                expected: Expected::WholeNumber
            }
        );
        let (p, _) = failure("[requirement]\nid = \"e\"\n");
        assert_eq!(p, Problem::TableForArray);
        let (p, at) = failure("[recertification]\nanchor = 3\n");
        assert_eq!((p, at.as_str()), (Problem::NotAString, "3"));
    }
}
