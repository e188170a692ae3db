use axum::http::{HeaderName, HeaderValue, header};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::set_header::{MakeHeaderValue, SetResponseHeaderLayer};

/// No inline script or style anywhere: enhancements load from `/static`, so an injected
/// `<script>` in imported text could not run even if escaping ever failed.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A year: browsers that reached Lore over HTTPS keep to HTTPS.
const HSTS: &str = "max-age=31536000";

/// `Strict-Transport-Security`, when Lore is reached over HTTPS (secure cookies on): sent over
/// plain HTTP it would mean nothing, and a test server on loopback must not pin itself.
#[derive(Debug, Clone, Copy)]
pub struct Hsts(pub bool);

impl<T> MakeHeaderValue<T> for Hsts {
    fn make_header_value(&mut self, _message: &T) -> Option<HeaderValue> {
        self.0.then(|| HeaderValue::from_static(HSTS))
    }
}

type Headers = Stack<
    SetResponseHeaderLayer<Hsts>,
    Stack<
        SetResponseHeaderLayer<HeaderValue>,
        Stack<
            SetResponseHeaderLayer<HeaderValue>,
            Stack<
                SetResponseHeaderLayer<HeaderValue>,
                Stack<SetResponseHeaderLayer<HeaderValue>, Identity>,
            >,
        >,
    >,
>;

/// Headers every response carries; `https` adds HSTS.
pub fn layer(https: bool) -> ServiceBuilder<Headers> {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    ServiceBuilder::new()
        .layer(set(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::REFERRER_POLICY, "same-origin"))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            Hsts(https),
        ))
}
