using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Email;

/// SMTP through any provider (Postmark, SendGrid, SES, Mailgun, Resend, your own server). No Host: the email
/// channel is off, and the editor says so.
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    /// Never logged, never shown.
    public string? Password { get; set; }

    /// STARTTLS on a plain port (587); false with port 465 means TLS from the first byte; false elsewhere means none
    /// (a local test server only).
    public bool UseStartTls { get; set; } = true;

    public string? FromAddress { get; set; }

    /// The sender name when a company has not set its own.
    public string FromName { get; set; } = "RevenueAngel";

    /// The key unsubscribe links are signed with (HMAC-SHA256), at least 32 characters; shared by every replica.
    /// Required with Host. Unset (demo, tests): a random key per process, so links die with it.
    public string? SigningKey { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
