using GraphQL.Types;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.SharedKernel.Imports;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.Webhooks;

public static class WebhookRegistration
{
    /// <summary>
    /// Signed webhooks for machine clients (ADR 0024): their tables, each host's dispatcher, the GraphQL fields, the
    /// dead-letter store, and the kernel's own event types (import progress). Modules add theirs with
    /// <see cref="WebhookEventRegistration.AddWebhookEvent{TEvent}"/>.
    /// </summary>
    public static IServiceCollection AddPlatformWebhooks(this IServiceCollection services, WebhookOptions options)
    {
        services.AddSingleton(options);
        services.AddModuleDbContext<WebhookDbContext>();
        services.AddSingleton<WebhookCatalogue>();
        services.AddSingleton<WebhookFanOut>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<IDeadLetterStore, WebhookDeadLetters>();
        services.AddSingleton<IQueryFieldContribution, WebhookFields>();
        services.AddSingleton<IMutationFieldContribution, WebhookMutations>();

        // An import job is read through its own module's type (EnterpriseImport, IpRightImport): an importer hears of its own jobs.
        services.AddSingleton(new WebhookEvent("IMPORT_PROGRESSED", typeof(ImportProgressed), "An import committed rows (at most once a second) or ended: for whoever may read the job.")
        {
            About = (e, schema) => ImportJobsWithKey(schema, ((ImportProgressed)e).JobId),
        });
        services.AddSingleton(new WebhookEvent("IMPORT_FINISHED", typeof(ImportProgressed), "An import ended (status SUCCEEDED or FAILED): for whoever may read the job.")
        {
            About = (e, schema) => ImportJobsWithKey(schema, ((ImportProgressed)e).JobId),
            Wanted = e => ((ImportProgressed)e).Ended,
            Narrow = true,
        });
        return services;
    }

    private static List<LiveNodeRef> ImportJobsWithKey(ISchema schema, Guid key) =>
        [.. schema.AllTypes.OfType<INodeType>().Where(IsImportJobType).Select(t => new LiveNodeRef(((IGraphType)t).Name, key))];

    private static bool IsImportJobType(INodeType type)
    {
        for (var t = type.GetType(); t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImportJobType<,>))
            {
                return true;
            }
        }

        return false;
    }
}
