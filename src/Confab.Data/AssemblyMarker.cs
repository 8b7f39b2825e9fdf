namespace Confab.Data;

/// <summary>Marker type for the Confab.Data assembly.</summary>
public static class AssemblyMarker;
