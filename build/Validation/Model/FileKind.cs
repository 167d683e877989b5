namespace Build.Validation.Model;

public enum FileKind
{
    Yaml,
    Json,
    Alloy,
}
