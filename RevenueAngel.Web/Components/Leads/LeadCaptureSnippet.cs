using System.Net;
using System.Text.Encodings.Web;

namespace RevenueAngel.Web.Components.Leads;

/// The HTML and script a creator pastes on a landing page. It posts JSON to the capture endpoint with the
/// company's public key: email, name, the consent flag with the words shown next to it, utm_source from the page's
/// own query string, and `website`, a field people never see and bots fill in (the honeypot).
public static class LeadCaptureSnippet
{
    public const string DefaultConsentText = "Email me news and offers. I can unsubscribe at any time.";

    public static string CaptureUrl(string appBaseUrl, string key) => $"{appBaseUrl.TrimEnd('/')}/api/leads/capture/{Uri.EscapeDataString(key)}";

    public static string For(string appBaseUrl, string key, string consentText = DefaultConsentText)
    {
        var url = JavaScriptEncoder.Default.Encode(CaptureUrl(appBaseUrl, key));
        var consentHtml = WebUtility.HtmlEncode(consentText);
        var consentJs = JavaScriptEncoder.Default.Encode(consentText);
        return $$"""
            <form id="ra-lead-form">
              <input type="email" name="email" required maxlength="254" placeholder="you@example.com" autocomplete="email">
              <input type="text" name="name" maxlength="200" placeholder="Your name" autocomplete="name">
              <label><input type="checkbox" name="consent"> {{consentHtml}}</label>
              <input type="text" name="website" tabindex="-1" autocomplete="off" aria-hidden="true" style="position:absolute;left:-10000px">
              <button type="submit">Join</button>
              <p data-ra-status></p>
            </form>
            <script>
            (function () {
              var form = document.getElementById("ra-lead-form");
              var status = form.querySelector("[data-ra-status]");
              form.addEventListener("submit", function (event) {
                event.preventDefault();
                var data = new FormData(form);
                fetch("{{url}}", {
                  method: "POST",
                  headers: { "Content-Type": "text/plain" },
                  body: JSON.stringify({
                    email: data.get("email"),
                    name: data.get("name") || null,
                    consent: data.get("consent") === "on",
                    consent_text: "{{consentJs}}",
                    utm_source: new URLSearchParams(location.search).get("utm_source"),
                    website: data.get("website")
                  })
                }).then(function (response) {
                  status.textContent = response.status === 202 ? "Thanks! You are on the list." : "Please check your email address and try again.";
                  if (response.status === 202) form.reset();
                }).catch(function () {
                  status.textContent = "Something went wrong. Please try again.";
                });
              });
            })();
            </script>
            """;
    }
}
