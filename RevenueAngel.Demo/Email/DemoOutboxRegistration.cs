using RevenueAngel.Core.Email;

namespace RevenueAngel.Demo.Email;

internal static class DemoOutboxRegistration
{
    /// The email channel on in the demo, into the outbox instead of an SMTP server.
    public static WebApplicationBuilder AddDemoOutbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoOutbox>();
        builder.Services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<DemoOutbox>());
        builder.Services.AddSingleton<IEmailOutbox>(sp => sp.GetRequiredService<DemoOutbox>());
        builder.Services.PostConfigure<EmailOptions>(o => o.FromAddress ??= "hello@demo.revenueangel.test");
        return builder;
    }
}
