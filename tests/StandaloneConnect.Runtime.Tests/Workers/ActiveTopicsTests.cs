using StandaloneConnect.Runtime.Workers;

namespace StandaloneConnect.Runtime.Tests.Workers;

[TestFixture]
public sealed class ActiveTopicsTests
{
    [Test]
    public void Get_UnknownConnector_ReturnsEmpty()
    {
        new ActiveTopics(enabled: true).Get("nobody").Should().BeEmpty();
    }

    [Test]
    public void Record_SeveralTopicsAndRepeats_GetReturnsEachOnceSortedOrdinal()
    {
        var topics = new ActiveTopics(enabled: true);

        topics.Record("c", "b");
        topics.Record("c", "a");
        topics.Record("c", "B");
        topics.Record("c", "a");

        topics.Get("c").Should().Equal("B", "a", "b");
    }

    [Test]
    public void Record_TwoConnectors_KeepsTheirTopicsApart()
    {
        var topics = new ActiveTopics(enabled: true);

        topics.Record("c1", "t1");
        topics.Record("c2", "t2");

        topics.Get("c1").Should().Equal("t1");
        topics.Get("c2").Should().Equal("t2");
    }

    [Test]
    public void Record_Disabled_RecordsNothing()
    {
        var topics = new ActiveTopics(enabled: false);

        topics.Record("c", "t");
        topics.CreateRecorder("c").Record("t2");

        topics.Enabled.Should().BeFalse();
        topics.Get("c").Should().BeEmpty();
    }

    [Test]
    public void Reset_OneConnector_ClearsOnlyThatConnector()
    {
        var topics = new ActiveTopics(enabled: true);
        topics.Record("c1", "t1");
        topics.Record("c2", "t2");

        topics.Reset("c1");

        topics.Get("c1").Should().BeEmpty();
        topics.Get("c2").Should().Equal("t2");
    }

    [Test]
    public void Reset_UnknownConnector_DoesNothing()
    {
        var topics = new ActiveTopics(enabled: true);
        topics.Record("c", "t");

        topics.Reset("other");

        topics.Get("c").Should().Equal("t");
    }

    [Test]
    public void RecorderRecord_SameTopicAgain_RecordedOnce()
    {
        var topics = new ActiveTopics(enabled: true);
        var recorder = topics.CreateRecorder("c");

        recorder.Record("t");
        recorder.Record("t");
        recorder.Record("u");

        recorder.Connector.Should().Be("c");
        topics.Get("c").Should().Equal("t", "u");
    }

    [Test]
    public void RecorderRecord_AfterReset_RecordsTheCachedTopicAgain()
    {
        var topics = new ActiveTopics(enabled: true);
        var recorder = topics.CreateRecorder("c");
        recorder.Record("t");
        recorder.Record("u");

        topics.Reset("c");
        topics.Get("c").Should().BeEmpty();
        recorder.Record("t");

        topics.Get("c").Should().Equal(["t"], "the task's cache must not survive the reset, and 'u' was not used since");
    }

    [Test]
    public void RecorderRecord_AfterResetOfAnotherConnector_KeepsRecordedTopics()
    {
        var topics = new ActiveTopics(enabled: true);
        var recorder = topics.CreateRecorder("c");
        recorder.Record("t");

        topics.Reset("other");
        recorder.Record("t");

        topics.Get("c").Should().Equal("t");
    }

    [Test]
    public void RecorderRecord_TwoTasksOfOneConnector_UnionOfTheirTopics()
    {
        var topics = new ActiveTopics(enabled: true);

        topics.CreateRecorder("c").Record("t1");
        topics.CreateRecorder("c").Record("t2");

        topics.Get("c").Should().Equal("t1", "t2");
    }

    [Test]
    public void RecorderRecord_ManyThreadsAndResets_EveryTopicUsedAfterTheLastResetIsRecorded()
    {
        var topics = new ActiveTopics(enabled: true);
        var recorder = topics.CreateRecorder("c");
        var names = Enumerable.Range(0, 50).Select(i => "t" + i).ToArray();

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            recorder.Record(names[i % names.Length]);
            if (i % 1000 == 999)
            {
                topics.Reset("c");
            }
        });
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => recorder.Record(names[i % names.Length]));

        topics.Get("c").Should().BeEquivalentTo(names);
    }
}
