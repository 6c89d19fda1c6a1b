namespace StandaloneConnect.Sdk;

/// <summary>The base of every error the Connect framework raises (Kafka's <c>ConnectException</c>).</summary>
public class ConnectException : Exception
{
    public ConnectException(string message) : base(message) { }
    public ConnectException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A problem with data: conversion, schema validation, serialization (Kafka's <c>DataException</c>).</summary>
public class DataException : ConnectException
{
    public DataException(string message) : base(message) { }
    public DataException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>An error that may succeed if the operation is retried (Kafka's <c>RetriableException</c>).</summary>
public class RetriableException : ConnectException
{
    public RetriableException(string message) : base(message) { }
    public RetriableException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A schema could not be built as asked (Kafka's <c>SchemaBuilderException</c>).</summary>
public class SchemaBuilderException : DataException
{
    public SchemaBuilderException(string message) : base(message) { }
    public SchemaBuilderException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A requested entity (connector, task, plugin) does not exist.</summary>
public class NotFoundException : ConnectException
{
    public NotFoundException(string message) : base(message) { }
    public NotFoundException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>An entity (connector) with the same identity already exists.</summary>
public class AlreadyExistsException : ConnectException
{
    public AlreadyExistsException(string message) : base(message) { }
}

/// <summary>A worker component was used in a state that does not allow the operation.</summary>
public class IllegalWorkerStateException : ConnectException
{
    public IllegalWorkerStateException(string message) : base(message) { }
}
