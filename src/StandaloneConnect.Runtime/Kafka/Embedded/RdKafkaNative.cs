using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>
/// P/Invoke surface for librdkafka's mock cluster API (<c>rd_kafka_mock_*</c>) and the few core calls needed to
/// host it. Binds to the very same librdkafka copy that Confluent.Kafka loaded: handles from one copy must never be
/// passed to another, and the NuGet <c>librdkafka.so</c> may not be loadable on every distribution (Confluent.Kafka
/// silently falls back to e.g. <c>centos8-librdkafka.so</c>), so a plain <c>[DllImport("librdkafka")]</c> is wrong.
/// </summary>
/// <remarks>
/// The mock API is experimental and not ABI-stable: these signatures were verified against librdkafka 2.16.0,
/// which is why Confluent.Kafka and librdkafka.redist are pinned together. Only the non-variadic (<c>_array</c>)
/// entry points are declared. Call <see cref="EnsureLoaded"/> before any other member.
/// </remarks>
internal static class RdKafkaNative
{
    /// <summary>Private library name, resolved by our DllImportResolver; never a file name.</summary>
    private const string Lib = "standaloneconnect-rdkafka-native";

    internal const int ProducerType = 0;
    internal const int ConfOk = 0;
    internal const int TopicAlreadyExists = 36;

    // The one piece of static state allowed in the project: a one-time, thread-safe library resolution.
    private static readonly Lazy<IntPtr> Handle = new(LoadSameCopyAsConfluent, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Loads librdkafka through Confluent.Kafka (if not done yet) and routes this assembly's <c>[DllImport]</c>s for
    /// the private library name to that copy. Thread-safe and idempotent.
    /// </summary>
    /// <exception cref="DllNotFoundException">librdkafka could not be located in the process.</exception>
    internal static void EnsureLoaded() => _ = Handle.Value;

    private static IntPtr LoadSameCopyAsConfluent()
    {
        // Returns false (does not throw) when Confluent.Kafka already loaded it.
        Confluent.Kafka.Library.Load();

        var path = FindMappedLibrdkafka()
            ?? throw new DllNotFoundException(
                "Confluent.Kafka reported librdkafka as loaded, but no mapped module whose name contains 'librdkafka' was found in the process.");

        // The file is already mapped, so this returns the existing handle (reference-counted, never unloaded).
        var handle = NativeLibrary.Load(path);
        NativeLibrary.SetDllImportResolver(
            typeof(RdKafkaNative).Assembly,
            (name, _, _) => string.Equals(name, Lib, StringComparison.Ordinal) ? handle : IntPtr.Zero);
        return handle;
    }

    private static string? FindMappedLibrdkafka()
    {
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            var file = module.FileName;
            if (!string.IsNullOrEmpty(file) && Path.GetFileName(file).Contains("librdkafka", StringComparison.OrdinalIgnoreCase))
            {
                return file;
            }
        }

        return null;
    }

    // ---- core -------------------------------------------------------------------------------------------------

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_conf_new();

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_conf_destroy(IntPtr conf);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_conf_set(
        IntPtr conf,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        byte[] errstr,
        UIntPtr errstrSize);

    /// <summary>Consumes <paramref name="conf"/> on success only; on failure (returns 0) the caller still owns it.</summary>
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_destroy(IntPtr rk);

    // ---- mock cluster lifecycle ---------------------------------------------------------------------------------

    /// <summary>Broker ids are 1..<paramref name="brokerCnt"/>. Returns 0 on failure.</summary>
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCnt);

    /// <summary>Must be called BEFORE <see cref="rd_kafka_destroy"/> of the holder, or librdkafka aborts the process.</summary>
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_cluster_destroy(IntPtr mc);

    /// <summary>Returns a <c>const char*</c> owned by the cluster.</summary>
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mc);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_mock_cluster_handle(IntPtr mc);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr rk);

    // ---- topics and partitions --------------------------------------------------------------------------------

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_topic_create(
        IntPtr mc, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_topic_delete(IntPtr mc, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_topic_set_error(
        IntPtr mc, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int err);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_partition_set_leader(
        IntPtr mc, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partition, int brokerId);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_partition_set_follower(
        IntPtr mc, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partition, int brokerId);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_partition_delete_records(
        IntPtr mc, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partition, long beforeOffset);

    // ---- brokers ----------------------------------------------------------------------------------------------

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_broker_set_down(IntPtr mc, int brokerId);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_broker_set_up(IntPtr mc, int brokerId);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_broker_set_rtt(IntPtr mc, int brokerId, int rttMs);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_broker_set_rack(
        IntPtr mc, int brokerId, [MarshalAs(UnmanagedType.LPUTF8Str)] string rack);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_coordinator_set(
        IntPtr mc,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string keyType,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string key,
        int brokerId);

    /// <summary>Exported by the 2.16.0 binary only (not in the 2.15 headers). Returns void.</summary>
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_set_controller_id(IntPtr mc, int controllerId);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_set_apiversion(IntPtr mc, short apiKey, short minVersion, short maxVersion);

    // ---- groups -----------------------------------------------------------------------------------------------

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mc, int delayMs);

    // ---- request errors ---------------------------------------------------------------------------------------

    /// <summary>The non-variadic form; never declare the variadic <c>rd_kafka_mock_push_request_errors</c>.</summary>
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_push_request_errors_array(
        IntPtr mc, short apiKey, UIntPtr count, int[] errors);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_clear_request_errors(IntPtr mc, short apiKey);

    // ---- request tracking -------------------------------------------------------------------------------------

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_start_request_tracking(IntPtr mc);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_stop_request_tracking(IntPtr mc);

    /// <summary>Returns <c>rd_kafka_mock_request_t**</c>; free with <see cref="rd_kafka_mock_request_destroy_array"/>.</summary>
    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_mock_get_requests(IntPtr mc, out UIntPtr count);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern short rd_kafka_mock_request_api_key(IntPtr request);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_mock_request_id(IntPtr request);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_request_destroy_array(IntPtr requests, UIntPtr count);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_mock_clear_requests(IntPtr mc);
}
