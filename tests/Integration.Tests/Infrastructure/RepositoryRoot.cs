namespace IpShield.Integration.Tests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder holding Monolith.sln, found from where the tests run.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Monolith.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Monolith.sln not found above " + AppContext.BaseDirectory);
    }
}
