using IpShield.Disputes;
using IpShield.Enterprises;
using IpShield.Host;
using IpShield.Host.Dashboard;
using IpShield.Host.Ide;
using IpShield.Identity;
using IpShield.Portfolios;
using IpShield.SharedKernel.GraphQL;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.Live;
using IpShield.SharedKernel.Mail;
using IpShield.SharedKernel.Messaging;
using IpShield.SharedKernel.Persistence;
using IpShield.SharedKernel.Webhooks;
using IpShield.Training;
using IpShield.Workstations;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

if (configuration.GetValue("Logging:Json", defaultValue: !builder.Environment.IsDevelopment()))
{
    builder.Logging.ClearProviders().AddJsonConsole(json => json.IncludeScopes = true);
}

var database = DatabaseOptions.From(configuration);
builder.Services.AddSingleton(database);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(configuration.GetSection("GraphQL:Budget").Get<CostBudgetOptions>() ?? new CostBudgetOptions());
builder.Services.AddPlatformGraphQL(
    configuration.GetSection("GraphQL").Get<QueryLimitOptions>() ?? new QueryLimitOptions(),
    new GraphQLEndpointOptions
    {
        MaxRequestBytes = configuration.GetValue("GraphQL:MaxRequestBytes", 1_000_000),
        MaxUploadBytes = configuration.GetValue("GraphQL:MaxUploadBytes", 110L * 1024 * 1024),
        Ide = configuration.GetValue("GraphQL:Ide", defaultValue: true) ? GraphQLIde.Page : null,
        AnonymousIntrospection = configuration.GetValue("GraphQL:AnonymousIntrospection", defaultValue: builder.Environment.IsDevelopment()),
    });
builder.Services.AddPlatformMessaging(configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions());
// SMTP from Mail:* (none configured: no mail, said once in the log); before the modules that send mail.
builder.Services.AddPlatformMail(configuration, builder.Environment);
builder.Services.AddPlatformLive(configuration.GetSection("Live").Get<LiveOptions>() ?? new LiveOptions());
builder.Services.AddPlatformWebhooks(configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions());
// Wolverine before the modules: hosted services start in registration order, and a module's outbox relay that ran
// before the bus had started found no subscriber for the events already waiting and marked them published, lost.
builder.Host.UseWolverine(wolverine =>
{
    // Each subscriber gets its own local queue, so one module's failing handler never blocks another's.
    wolverine.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
    wolverine.Discovery.IncludeAssembly(typeof(WorkstationsModule).Assembly);
    wolverine.Discovery.IncludeAssembly(typeof(EnterprisesModule).Assembly); // its handlers, as it gets some
    wolverine.Discovery.IncludeAssembly(typeof(PortfoliosModule).Assembly);
    wolverine.Discovery.IncludeAssembly(typeof(TrainingModule).Assembly);
    wolverine.Discovery.IncludeAssembly(typeof(DisputesModule).Assembly);
    wolverine.Discovery.IncludeAssembly(typeof(LiveEvents).Assembly); // the kernel's feed of the live-event table (ADR 0022)
    // Handler code is generated ahead of time (src/Host/Internal/Generated) and committed: no Roslyn at run time.
    wolverine.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
});
builder.Services.AddIdentityModule(configuration, builder.Environment);
builder.Services.AddWorkstationsModule();
builder.Services.AddEnterprisesModule();
builder.Services.AddPortfoliosModule();
builder.Services.AddTrainingModule(configuration, builder.Environment);
builder.Services.AddDisputesModule();
builder.Services.AddProblemDetails();
builder.Services.AddPlatformTelemetry(configuration);
builder.Services.AddBrowserSecurity(configuration);
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
    .AddCheck<MessagingReadyCheck>("messaging", tags: ["ready"]);

var app = builder.Build();

if (args is ["codegen", ..])
{
    return await app.RunJasperFxCommands(args); // e.g. codegen write: regenerates Wolverine's handler code
}

if (args.Contains("migrate"))
{
    await DatabaseInitializer.InitializeAsync(app.Services, migrate: true);
    return 0;
}

if (args.Contains("print-schema"))
{
    Console.Out.Write(SchemaDocument.Print(app.Services));
    return 0;
}

await DatabaseInitializer.InitializeAsync(app.Services, migrate: database.MigrateOnStartup);
await app.Services.InitializeIdentityAsync();
if (database.Provider == DatabaseProvider.Sqlite && configuration.GetValue("Demo:Seed", defaultValue: true))
{
    await DemoData.SeedAsync(app.Services);
}

app.UseExceptionHandler();
app.UseBrowserSecurity();
app.UseAuthentication();
// GraphQL over WebSocket (graphql-transport-ws) shares /graphql; pings keep idle sockets open through proxies.
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
app.UseAntiforgery();
app.MapIdentityEndpoints();
app.MapPlatformGraphQL("/graphql");
app.MapEnterprisesEndpoints();
app.MapPortfoliosEndpoints();
app.MapTrainingEndpoints();
app.MapDisputesEndpoints();
app.MapGet("/graphql/schema.graphql", (IServiceProvider services) => Results.Text(SchemaDocument.Print(services), "text/plain; charset=utf-8"));
app.MapGraphQLIdeAssets(app.Environment.ContentRootPath);
app.MapDashboard(app.Environment.ContentRootPath);
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync });
if (configuration.GetValue<bool>("Benchmarks:PlainEndpoints"))
{
    app.MapWorkstationsBenchmarkBaseline();
}

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, database));

await app.RunAsync();
return 0;

/// <summary>The host's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
