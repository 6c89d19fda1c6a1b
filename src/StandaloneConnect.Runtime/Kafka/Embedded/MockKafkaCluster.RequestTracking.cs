using System.Runtime.InteropServices;

namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>Request tracking: which requests reached which broker (e.g. to check that a client retried).</summary>
public sealed partial class MockKafkaCluster
{
    /// <summary>Starts recording every request the brokers receive (see <see cref="GetTrackedRequests"/>).</summary>
    public void StartRequestTracking()
    {
        lock (_gate)
        {
            RdKafkaNative.rd_kafka_mock_start_request_tracking(LiveCluster());
        }
    }

    /// <summary>Stops recording requests; already recorded ones are kept.</summary>
    public void StopRequestTracking()
    {
        lock (_gate)
        {
            RdKafkaNative.rd_kafka_mock_stop_request_tracking(LiveCluster());
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearTrackedRequests()
    {
        lock (_gate)
        {
            RdKafkaNative.rd_kafka_mock_clear_requests(LiveCluster());
        }
    }

    /// <summary>The requests recorded since tracking started (or was last cleared), oldest first.</summary>
    public IReadOnlyList<MockRequest> GetTrackedRequests()
    {
        lock (_gate)
        {
            var array = RdKafkaNative.rd_kafka_mock_get_requests(LiveCluster(), out var count);
            var n = checked((int)count.ToUInt64());
            if (array == IntPtr.Zero || n == 0)
            {
                return [];
            }

            try
            {
                var result = new MockRequest[n];
                for (var i = 0; i < n; i++)
                {
                    var request = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                    result[i] = new MockRequest(
                        RdKafkaNative.rd_kafka_mock_request_id(request),
                        RdKafkaNative.rd_kafka_mock_request_api_key(request));
                }

                return result;
            }
            finally
            {
                RdKafkaNative.rd_kafka_mock_request_destroy_array(array, count);
            }
        }
    }
}
