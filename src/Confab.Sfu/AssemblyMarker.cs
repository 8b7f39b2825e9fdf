namespace Confab.Sfu;

/// <summary>Marker type for the Confab.Sfu assembly.</summary>
public static class AssemblyMarker;
