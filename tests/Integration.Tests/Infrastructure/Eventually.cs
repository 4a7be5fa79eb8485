namespace IpShield.Integration.Tests.Infrastructure;

/// <summary>Waits for something the platform does in the background (the outbox relay) to become observable.</summary>
internal static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T value;
        while (true)
        {
            value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(done(value), $"Gave up after {seconds} s waiting for {what}; last seen: {value}");
        return value;
    }
}
