using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddRevenueAngelCore(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Telemetry.RevenueAngelMetrics>();
        builder.AddPersistence();
        builder.AddWhop();
        builder.AddDemo();
        builder.Services.AddSingleton<DashboardQueries>();
        builder.Services.AddSingleton<AnalyticsQueries>();
        builder.Services.AddSingleton<ConversionFeed>();
        builder.Services.AddSingleton<SetupProgress>();
        builder.Services.AddSingleton<AnalyticsExport>();
        builder.Services.AddSingleton<RevenueDashboard>();
        builder.Services.AddSingleton<MemberViewQueries>();
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        builder.Services.AddSingleton<LiquidTemplates>();
        builder.Services.AddSingleton<SubjectVariables>();
        builder.Services.AddSingleton<Audience>();
        builder.Services.AddSingleton<SegmentEnroller>();
        builder.Services.AddSingleton<PlaybookCatalog>();
        builder.Services.AddSingleton<PlaybookValidator>();
        builder.Services.AddSingleton<PlaybookEditor>();
        builder.Services.AddSingleton<PlaybookScheduler>();
        builder.Services.AddSingleton<EventEnroller>();
        builder.Services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>();
        builder.Services.AddSingleton<DispatchThrottle>();
        builder.Services.AddSingleton<SendGate>();
        builder.Services.AddSingleton<StepVariantChooser>();
        builder.Services.AddSingleton<ExperimentReport>();
        builder.Services.AddSingleton<StepWinnerPicker>();
        // Transient: they hold Whop's typed client, whose handlers IHttpClientFactory rotates.
        builder.Services.AddTransient<CompanyInstaller>();
        builder.Services.AddTransient<CompanyAccessCheck>();
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton<IFirstSyncStarter, PolledFirstSync>();
        builder.Services.AddTransient<CompanySync>();
        // Transient: holds Whop's typed client.
        builder.Services.AddTransient<Leads.WaitlistSync>();
        builder.Services.AddTransient<MembershipSyncBatch>();
        builder.Services.AddTransient<PaymentReconcile>();
        builder.Services.AddTransient<CompanyAdministration>();
        builder.Services.AddTransient<WhopMessenger>();
        builder.Services.AddTransient<TrackedLinks>();
        builder.Services.AddSingleton<Attribution.ClickTracker>();
        builder.Services.AddTransient<Dispatcher>();
        // Transient: holds Whop's typed client.
        builder.Services.AddTransient<Dunning.OwnPaymentRetries>();
        builder.AddWebhooks();
        builder.Services.AddTransient<MessagePreviews>();
        builder.AddDrafting();
        builder.AddOffers();
        builder.AddEmail();
        Leads.LeadsPageRegistration.AddLeadListAndImport(builder);
        return builder;
    }

    private static void AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Email.EmailOptions>().BindConfiguration(Email.EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Email.EmailOptions>, Email.EmailOptionsValidator>();
        // The demo replaces the transport with its outbox.
        builder.Services.TryAddSingleton<Email.IEmailTransport, Email.SmtpEmailTransport>();
        builder.Services.AddSingleton<Email.UnsubscribeTokens>();
        builder.Services.AddSingleton<Email.EmailComposer>();
        builder.Services.AddSingleton<Email.EmailMessenger>();
        builder.Services.AddSingleton<Email.EmailReach>();
        builder.Services.AddSingleton<Email.EmailSuppressions>();
        builder.Services.AddSingleton<Email.Unsubscriber>();
        builder.Services.AddSingleton<SendChannels>();
        builder.Services.AddSingleton<Analytics.ChannelReport>();
    }

    private static void AddOffers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Offers.OffersOptions>().BindConfiguration(Offers.OffersOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Offers.OfferQueries>();
        builder.Services.AddSingleton<Leads.LeadCaptureKeys>();
        builder.Services.AddSingleton<Leads.LeadEnroller>();
        builder.Services.AddSingleton<Leads.LeadCapture>();
        // Transient: they hold Whop's typed client.
        builder.Services.AddTransient<Offers.OfferExecutor>();
        builder.Services.AddTransient<Offers.OfferService>();
        builder.Services.AddTransient<Offers.OfferMaintenance>();
        builder.Services.AddTransient<Offers.StepOffers>();
    }

    private static void AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Attribution.AttributionOptions>().BindConfiguration(Attribution.AttributionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookQueueLag>();
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddSingleton<WebhookRetention>();
        builder.Services.AddSingleton<WebhookActivity>();
        builder.Services.AddTransient<WhopMirror>();
        // Transient: fetches unknown plans through Whop's typed client.
        builder.Services.AddTransient<WebhookPlans>();
        builder.Services.AddTransient<PaymentEvents>();
        builder.Services.AddTransient<MembershipEvents>();
        builder.Services.AddTransient<WaitlistEvents>();
        builder.Services.AddTransient<WebhookHandlers>();
        builder.Services.AddTransient<WebhookProcessor>();
    }

    // The demo's seeder and fake Whop live in RevenueAngel.Demo; production code only knows whether demo mode is on,
    // and refuses demo mode wherever it could reach production.
    private static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        builder.Services.AddSingleton<DemoMode>();
        return builder;
    }
}
