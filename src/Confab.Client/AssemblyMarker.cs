namespace Confab.Client;

/// <summary>Marker type for the Confab.Client assembly.</summary>
public static class AssemblyMarker;
